import type { PlanStepOf } from "@northstar/journey";
import type { LoadedPlan } from "./plans";
import { matchesFilters } from "./rules";
import { OPEN_ENROLLMENT_STATES } from "./statuses";

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

/** The customer's latest enrollment on a journey, as the re-entry policy sees it. */
export interface LastEnrollment {
  state: string;
  enteredAt: Date;
}

/**
 * Re-entry policy: never once entered, always (but not while inside), or after N days since the last entry. The
 * caller reads `last` under a lock per journey and customer (see the event processing), so that two events of one
 * customer cannot both enter.
 */
export function mayEnter(entry: PlanStepOf<"entry">, last: LastEnrollment | null, now: Date): boolean {
  if (!last) return true;
  if (OPEN_ENROLLMENT_STATES.includes(last.state as never)) return false;
  const reentry = entry.config.reentry;
  if (reentry === "never") return false;
  if (reentry === "always") return true;
  return now.getTime() - last.enteredAt.getTime() >= reentry.afterDays * 86_400_000;
}
