import type { Prisma } from "@northstar/db";
import type { PlanStepOf } from "@northstar/journey";
import type { CustomerRow } from "../customers/resolve-customer";
import type { LoadedPlan } from "./plans";
import { enqueue, stepJobKey, TASKS } from "./queue";
import { matchesFilters } from "./rules";
import { OPEN_ENROLLMENT_STATES } from "./statuses";

type Tx = Prisma.TransactionClient;

export interface TriggerEvent {
  id: string;
  name: string;
  properties: unknown;
  at: Date;
}

/** The entry step of a plan this event triggers, if any. */
export function matchingEntry(plan: LoadedPlan, event: TriggerEvent): PlanStepOf<"entry"> | null {
  for (const id of plan.plan.entryStepIds) {
    const step = plan.steps.get(id);
    if (step?.kind !== "entry") continue;
    const trigger = step.config.trigger;
    if (trigger.type === "event" && trigger.event === event.name && matchesFilters(event.properties, trigger.filters)) {
      return step as PlanStepOf<"entry">;
    }
  }
  return null;
}

/** Re-entry policy: never once entered, always (but not while inside), or after N days since the last entry. */
async function mayEnter(tx: Tx, plan: LoadedPlan, entry: PlanStepOf<"entry">, customerId: string, now: Date) {
  const last = await tx.enrollment.findFirst({
    where: { journeyId: plan.journeyId, customerId },
    orderBy: { enteredAt: "desc" },
    select: { state: true, enteredAt: true },
  });
  if (!last) return true;
  if (OPEN_ENROLLMENT_STATES.includes(last.state as never)) return false;
  const reentry = entry.config.reentry;
  if (reentry === "never") return false;
  if (reentry === "always") return true;
  return now.getTime() - last.enteredAt.getTime() >= reentry.afterDays * 86_400_000;
}

/**
 * Enrolls the customer on the plan if the event matches an entry and the re-entry policy allows it. Holdout customers
 * are enrolled and walk the journey, but every send is suppressed for them (so the journey's lift can be measured).
 * Returns the enrollment id, or null when not enrolled.
 */
export async function enrollIfMatching(
  tx: Tx,
  plan: LoadedPlan,
  customer: CustomerRow,
  event: TriggerEvent,
  random: () => number = Math.random,
): Promise<string | null> {
  const entry = matchingEntry(plan, event);
  if (!entry) return null;
  // Serialises concurrent events of one customer for one journey, so re-entry rules hold under parallel workers.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`enroll:${plan.journeyId}:${customer.id}`}))`;
  if (!(await mayEnter(tx, plan, entry, customer.id, event.at))) return null;
  const enrollment = await tx.enrollment.create({
    data: {
      workspaceId: plan.workspaceId,
      journeyId: plan.journeyId,
      versionId: plan.versionId,
      customerId: customer.id,
      holdout: random() < entry.config.holdoutShare,
      currentStepId: entry.id,
      triggerEventId: event.id,
    },
    select: { id: true },
  });
  await enqueue(tx, TASKS.runStep, { enrollmentId: enrollment.id, seq: 0 }, { jobKey: stepJobKey(enrollment.id) });
  return enrollment.id;
}
