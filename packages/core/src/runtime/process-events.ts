import type { Prisma, PrismaClient } from "@northstar/db";
import { applyTraits, type CustomerRow, resolveCustomer } from "../customers/resolve-customer";
import { attributeEvent } from "../decisions/reward-attribution";
import { enrollIfMatching, type TriggerEvent } from "./enrollment";
import { type LoadedPlan, livePlans, loadPlan } from "./plans";
import { enqueue, stepJobKey, TASKS } from "./queue";
import { OPEN_ENROLLMENT_STATES, TRACKING_EVENTS } from "./statuses";

type Tx = Prisma.TransactionClient;

interface EventRow {
  id: string;
  workspaceId: string;
  type: string;
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  properties: unknown;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  timestamp: Date;
  receivedAt: Date;
}

/**
 * Customers waiting for this event resume now: their scheduled timeout job is replaced by one due immediately. The
 * update is conditional on the same wait (seq, state, event): an enrollment that moved on meanwhile (its timeout
 * fired, a goal exited it) is left alone, and its pending step job is not replaced by one with a stale seq.
 */
async function resumeWaiting(tx: Tx, customerId: string, event: TriggerEvent) {
  const waiting = await tx.enrollment.findMany({
    where: { customerId, state: "WAITING", waitingFor: event.name },
    select: { id: true, seq: true },
  });
  for (const e of waiting) {
    const resumed = await tx.enrollment.updateMany({
      where: { id: e.id, seq: e.seq, state: "WAITING", waitingFor: event.name },
      data: { resumedBy: event.id },
    });
    if (resumed.count === 0) continue;
    await enqueue(tx, TASKS.runStep, { enrollmentId: e.id, seq: e.seq }, { jobKey: stepJobKey(e.id) });
  }
}

/**
 * The objective's event completes the enrollment; an unsubscribe exits it. Only an enrollment still open is changed
 * (one that finished meanwhile keeps its outcome), and seq moves on so pending step jobs then do nothing.
 */
async function exitOnOutcome(tx: Tx, customer: CustomerRow, event: TriggerEvent) {
  const open = await tx.enrollment.findMany({
    where: { customerId: customer.id, state: { in: OPEN_ENROLLMENT_STATES } },
    select: { id: true, versionId: true },
  });
  for (const e of open) {
    const plan = await loadPlan(tx, e.versionId);
    const reason =
      plan.goalEvent === event.name ? "goal" : event.name === TRACKING_EVENTS.unsubscribed ? "unsubscribed" : null;
    if (!reason) continue;
    await tx.enrollment.updateMany({
      where: { id: e.id, state: { in: OPEN_ENROLLMENT_STATES } },
      data: {
        state: reason === "goal" ? "COMPLETED" : "EXITED",
        exitReason: reason,
        finishedAt: event.at,
        waitingFor: null,
        seq: { increment: 1 },
      },
    });
  }
}

type PlansOf = (workspaceId: string) => Promise<LoadedPlan[]>;

/** Returns the customer the event belongs to (stored on the event with its processedAt, in one update). */
async function processOne(tx: Tx, event: EventRow, plansOf: PlansOf): Promise<string | null> {
  let customer = await resolveCustomer(tx, event.workspaceId, { userId: event.userId, anonymousId: event.anonymousId });
  if (!customer) return null;
  if (event.type === "identify" && event.traits)
    customer = await applyTraits(tx, customer, event.traits, event.context);
  if (event.type !== "track" || !event.name) return customer.id;
  const trigger: TriggerEvent = { id: event.id, name: event.name, properties: event.properties, at: event.timestamp };
  if (event.name === TRACKING_EVENTS.unsubscribed) {
    await tx.customer.update({
      where: { id: customer.id },
      data: { unsubscribedAt: event.timestamp, consent: { ...customer.consent, email: false } },
    });
  }
  // Rewards follow the objective's attribution window, not the enrollment: a customer may convert after leaving.
  await attributeEvent(tx, customer.id, {
    workspaceId: event.workspaceId,
    name: event.name,
    properties: event.properties,
    at: event.timestamp,
  });
  await exitOnOutcome(tx, customer, trigger);
  await resumeWaiting(tx, customer.id, trigger);
  for (const plan of await plansOf(event.workspaceId)) {
    await enrollIfMatching(tx, plan, customer, trigger);
  }
  return customer.id;
}

/**
 * Processes stored events, each in its own transaction that also marks it processed: a retried job skips what
 * already committed, and a crash mid-way leaves the rest for the retry.
 */
export async function processEvents(db: PrismaClient, eventIds: string[]): Promise<number> {
  let processed = 0;
  // The live plans are read once per job (at most EVENTS_PER_JOB events), not once per event: a journey published
  // meanwhile is picked up by the next job, seconds later.
  const live = new Map<string, Promise<LoadedPlan[]>>();
  const plansOf: PlansOf = (workspaceId) => {
    let plans = live.get(workspaceId);
    if (!plans) {
      plans = livePlans(db, workspaceId);
      live.set(workspaceId, plans);
    }
    return plans;
  };
  for (const id of eventIds) {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<EventRow[]>`
        select * from "Event" where "id" = ${id} and "processedAt" is null for update skip locked`;
      const event = rows[0];
      if (!event) return false;
      const customerId = await processOne(tx, event, plansOf);
      await tx.event.update({
        where: { id },
        data: { processedAt: new Date(), ...(customerId ? { customerId } : {}) },
      });
      return true;
    });
    if (done) processed++;
  }
  return processed;
}
