import { randomUUID } from "node:crypto";
import {
  applyTraits,
  attributeOutcome,
  type CustomerRow,
  type LoadedPlan,
  livePlans,
  loadPlan,
  matchingEntry,
  mayEnter,
  negativeWeights,
  type ObjectiveMetric,
  OPEN_ENROLLMENT_STATES,
  type OpenDecision,
  type RawQuery,
  resolveCustomer,
  stepJobKey,
  TASKS,
  TRACKING_EVENTS,
  type TriggerEvent,
} from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import { boundMetric } from "@northstar/journey";
import { immediateJobs } from "../execute/jobs";
import { StepSql, sql, type Write, type WithClient, writeAll } from "../execute/step-tx";

export interface ProcessEventsDeps {
  /** Reads published plans (once per version and process: they are immutable). */
  db: PrismaClient;
  /** Draws the holdout; `Math.random` unless a test fixes it. */
  random?: () => number;
  /** Names the process in the step log rows events write (a conversion walking a wait to its goal). */
  workerId?: string;
}

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
}

/** Marks the event processed, unless another job has it or had it: the mark commits with everything it causes. */
const claimEvent = (id: string, now: Date) => sql`
  update "Event" set "processedAt" = ${now}
  where "id" = (select "id" from "Event" where "id" = ${id} and "processedAt" is null for update skip locked)
  returning "id", "workspaceId", "type", "name", "userId", "anonymousId", "properties", "traits", "context",
    "timestamp" at time zone 'UTC' as "timestamp"`;

/** [id, journeyId, versionId, seq, state, waitingFor, currentStepId] */
type OpenRow = [string, string, string, number, string, string | null, string | null];
/** [id, enrollmentId, versionId, stepId, createdAt (UTC, without zone), penalty] */
type DecisionRow = [string, string, string, string, string, number];
/** [journeyId, state, enteredAt (UTC, without zone)] */
type LastRow = [string, string, string];

/**
 * What the event can change, in one round trip: the customer's open enrollments, decisions still open to
 * attribution at the event's time, and the last enrollment on each journey the event may enter.
 */
const readCustomerState = (workspaceId: string, customerId: string, at: Date, journeyIds: string[]) => sql`
  select
    coalesce((select json_agg(json_build_array(e."id", e."journeyId", e."versionId", e."seq", e."state", e."waitingFor",
                                                e."currentStepId"))
              from "Enrollment" e
              where e."workspaceId" = ${workspaceId} and e."customerId" = ${customerId}
                and e."state" = any(${OPEN_ENROLLMENT_STATES}::text[])), '[]')
      as "open",
    coalesce((select json_agg(json_build_array(d."id", d."enrollmentId", d."versionId", d."stepId", d."createdAt",
                                               d."penalty"))
              from "Decision" d
              where d."customerId" = ${customerId} and d."rewardedAt" is null and d."createdAt" <= ${at}::timestamp
                and d."attributionEndsAt" >= ${at}::timestamp), '[]') as "decisions",
    coalesce((select json_agg(json_build_array(l."journeyId", l."state", l."enteredAt"))
              from (select distinct on ("journeyId") "journeyId", "state", "enteredAt" from "Enrollment"
                    where "customerId" = ${customerId} and "journeyId" = any(${journeyIds}::text[])
                    order by "journeyId", "enteredAt" desc) l), '[]') as "last"`;

const utc = (timestamp: string) => new Date(`${timestamp}Z`);

const rawQuery =
  (db: StepSql): RawQuery =>
  (text, values) =>
    db.text(text, values);

/** Customers waiting for this event resume: their step job is replaced by one due now (same seq, same wait). */
function resumeWrites(resumed: OpenRow[], event: TriggerEvent, now: Date): Write[] {
  if (resumed.length === 0) return [];
  const rows = resumed.map(([id, , , seq]) => ({ id, seq, key: stepJobKey(id) }));
  return [
    {
      name: "resumed",
      sql: sql`update "Enrollment" e set "resumedBy" = ${event.id}, "updatedAt" = ${now}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("id" text, "seq" int, "key" text)
        where e."id" = r."id" and e."seq" = r."seq" and e."state" = 'WAITING' and e."waitingFor" = ${event.name}
        returning e."id", e."seq", r."key"`,
    },
    {
      name: "resume_jobs",
      sql: sql`select graphile_worker.add_job(identifier => ${TASKS.runStep}::text,
          payload => json_build_object('enrollmentId', r."id", 'seq', r."seq"), job_key => r."key")
        from resumed r`,
    },
  ];
}

/**
 * The edge a goal event takes out of the wait the customer is parked at, when that wait listens for this very event
 * and its event branch leads straight to a goal step: the conversion walks wait -> goal, so both are counted.
 */
interface GoalWalk {
  waitStepId: string;
  edgeId: string;
  goalStepId: string;
}

function goalWalk(plan: LoadedPlan, row: OpenRow, eventName: string): GoalWalk | null {
  const [, , , , state, waitingFor, currentStepId] = row;
  if (state !== "WAITING" || waitingFor !== eventName || !currentStepId) return null;
  const step = plan.steps.get(currentStepId);
  if (step?.kind !== "wait" || step.wait.type !== "until_event" || step.wait.event !== eventName) return null;
  const edgeId = step.wait.onEvent[0];
  const successor = step.successors.find((s) => s.edgeId === edgeId);
  if (!edgeId || !successor || plan.steps.get(successor.target)?.kind !== "goal") return null;
  return { waitStepId: step.id, edgeId, goalStepId: successor.target };
}

/**
 * The objective's event completes an enrollment; an unsubscribe exits it. seq moves on: pending step jobs are stale.
 * A completion that walks a wait's event branch to its goal (goalWalk) logs both steps, as the step job would have,
 * so the counters see the edge taken; it does so only if the enrollment is still parked at that wait (same seq and
 * step as read), and moves seq past both log rows.
 */
function exitWrites(
  exits: { row: OpenRow; reason: string; walk: GoalWalk | null }[],
  event: TriggerEvent,
  now: Date,
  workerId: string,
): Write[] {
  if (exits.length === 0) return [];
  const rows = exits.map(({ row, reason, walk }) => ({
    id: row[0],
    state: reason === "goal" ? "COMPLETED" : "EXITED",
    reason,
    seq: row[3],
    waitStepId: walk?.waitStepId ?? null,
    edgeId: walk?.edgeId ?? null,
    goalStepId: walk?.goalStepId ?? null,
  }));
  const walks = rows.some((r) => r.goalStepId !== null);
  const walking = sql`(r."goalStepId" is not null and e."state" = 'WAITING' and e."seq" = r."seq"
    and e."currentStepId" = r."waitStepId")`;
  const writes: Write[] = [
    {
      name: "exits",
      sql: sql`update "Enrollment" e set "state" = r."state", "exitReason" = r."reason",
          "finishedAt" = ${event.at}::timestamp, "waitingFor" = null,
          "currentStepId" = case when ${walking} then r."goalStepId" else e."currentStepId" end,
          "seq" = e."seq" + case when ${walking} then 2 else 1 end, "updatedAt" = ${now}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r("id" text, "state" text, "reason" text, "seq" int, "waitStepId" text, "edgeId" text, "goalStepId" text)
        where e."id" = r."id" and e."state" = any(${OPEN_ENROLLMENT_STATES}::text[])
        returning e."id", e."workspaceId", r."seq", r."waitStepId", r."edgeId", r."goalStepId",
          (r."goalStepId" is not null and e."currentStepId" = r."goalStepId" and e."seq" = r."seq" + 2) as "walked"`,
    },
  ];
  if (walks) {
    writes.push({
      name: "goal_walk_log",
      sql: sql`insert into "StepExecution" ("id", "workspaceId", "enrollmentId", "seq", "stepId", "kind", "edgeId",
          "targetStepId", "outcome", "workerId", "executedAt")
        select gen_random_uuid()::text, x."workspaceId", x."id", x."seq" + s."offset", s."stepId", s."kind", s."edgeId",
          s."targetStepId", s."outcome", ${workerId}::text, ${now}::timestamp
        from exits x cross join lateral (values
          (0, x."waitStepId", 'wait', x."edgeId", x."goalStepId", ${`"${event.name}" arrived`}::text),
          (1, x."goalStepId", 'goal', null, null, 'goal reached')
        ) as s("offset", "stepId", "kind", "edgeId", "targetStepId", "outcome")
        where x."walked"
        on conflict ("enrollmentId", "seq") do nothing
        returning 1`,
    });
  }
  return writes;
}

/** New enrollments and their first step jobs. Holdout customers are enrolled and walk the journey, never messaged. */
function enrollWrites(
  plans: LoadedPlan[],
  customerId: string,
  event: TriggerEvent,
  now: Date,
  random: () => number,
): Write[] {
  if (plans.length === 0) return [];
  const rows = plans.map((plan) => {
    const entry = matchingEntry(plan, event);
    const id = `c${randomUUID().replaceAll("-", "")}`;
    return {
      id,
      workspaceId: plan.workspaceId,
      journeyId: plan.journeyId,
      versionId: plan.versionId,
      holdout: random() < (entry?.config.holdoutShare ?? 0),
      stepId: entry?.id,
    };
  });
  return [
    {
      name: "enrolled",
      sql: sql`insert into "Enrollment" ("id", "workspaceId", "journeyId", "versionId", "customerId", "holdout",
          "currentStepId", "triggerEventId", "enteredAt", "updatedAt")
        select r."id", r."workspaceId", r."journeyId", r."versionId", ${customerId}::text, r."holdout", r."stepId",
          ${event.id}::text, ${now}::timestamp, ${now}::timestamp
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r("id" text, "workspaceId" text, "journeyId" text, "versionId" text, "holdout" boolean, "stepId" text)
        returning "id"`,
    },
    ...immediateJobs(
      "enroll_jobs",
      TASKS.runStep,
      sql`select json_build_object('enrollmentId', "id", 'seq', 0) from enrolled`,
    ),
  ];
}

type PlansOf = (workspaceId: string) => Promise<LoadedPlan[]>;

/**
 * What one tracked event does to its customer, read in one round trip and written in one statement: attribution of
 * open decisions (rewards, penalties), exits (goal, unsubscribe), resumed waits and new enrollments.
 */
async function trackWrites(
  db: StepSql,
  deps: ProcessEventsDeps,
  customer: CustomerRow,
  event: EventRow & { name: string },
  plansOf: PlansOf,
  now: Date,
): Promise<Write[]> {
  const trigger: TriggerEvent = { id: event.id, name: event.name, properties: event.properties, at: event.timestamp };
  const entering = (await plansOf(event.workspaceId)).filter((plan) => matchingEntry(plan, trigger));
  // No lock of its own: the customer upsert (processOne) holds the customer's row until commit, so one customer's
  // events, and with them its entries and the re-entry rules they check, are processed one at a time.
  const state = await db.first<{ open: OpenRow[]; decisions: DecisionRow[]; last: LastRow[] }>(
    readCustomerState(
      event.workspaceId,
      customer.id,
      event.timestamp,
      entering.map((p) => p.journeyId),
    ),
  );
  const open = state?.open ?? [];
  const writes: Write[] = [];

  // Rewards follow the objective's attribution window, not the enrollment: a customer may convert after leaving.
  const decisions = (state?.decisions ?? []).map(([id, enrollmentId, versionId, stepId, createdAt, penalty]) => ({
    id,
    enrollmentId,
    versionId,
    stepId,
    createdAt: utc(createdAt),
    penalty,
  }));
  if (decisions.length > 0) {
    writes.push(...(await attributionWrites(db, deps, decisions, { ...trigger, workspaceId: event.workspaceId }, now)));
  }

  const exits: { row: OpenRow; reason: string; walk: GoalWalk | null }[] = [];
  for (const row of open) {
    const plan = await loadPlan(deps.db, row[2]);
    const reason =
      plan.goalEvent === event.name ? "goal" : event.name === TRACKING_EVENTS.unsubscribed ? "unsubscribed" : null;
    if (reason) exits.push({ row, reason, walk: reason === "goal" ? goalWalk(plan, row, event.name) : null });
  }
  const exiting = new Set(exits.map((x) => x.row[0]));
  writes.push(...exitWrites(exits, trigger, now, deps.workerId ?? "events"));
  writes.push(
    ...resumeWrites(
      open.filter((row) => row[4] === "WAITING" && row[5] === event.name && !exiting.has(row[0])),
      trigger,
      now,
    ),
  );

  const last = new Map((state?.last ?? []).map(([journeyId, s, enteredAt]) => [journeyId, { s, enteredAt }]));
  const exitedJourneys = new Set(exits.map((x) => x.row[1]));
  const enrolling = entering.filter((plan) => {
    const previous = last.get(plan.journeyId);
    const entry = matchingEntry(plan, trigger);
    if (!entry) return false;
    // An enrollment this very event finishes counts as finished.
    const lastState = previous && exitedJourneys.has(plan.journeyId) ? "COMPLETED" : previous?.s;
    return mayEnter(
      entry,
      previous && lastState ? { state: lastState, enteredAt: utc(previous.enteredAt) } : null,
      event.timestamp,
    );
  });
  writes.push(...enrollWrites(enrolling, customer.id, trigger, now, deps.random ?? Math.random));
  return writes;
}

/** Rewards and penalties the event gives the customer's open decisions (core's attributeOutcome), as one write. */
async function attributionWrites(
  db: StepSql,
  deps: ProcessEventsDeps,
  decisions: (OpenDecision & { enrollmentId: string; versionId: string })[],
  event: TriggerEvent & { workspaceId: string },
  now: Date,
): Promise<Write[]> {
  const plans = new Map<string, LoadedPlan>();
  for (const d of decisions) {
    if (!plans.has(d.versionId)) plans.set(d.versionId, await loadPlan(deps.db, d.versionId));
  }
  const objectiveIds = [...new Set([...plans.values()].map((p) => p.plan.objective.id))];
  const rows = await db.rows<{ id: string; negativeSignals: unknown }>(
    sql`select "id", "negativeSignals" from "Objective" where "id" = any(${objectiveIds}::text[])`,
  );
  const negative = new Map(rows.map((o) => [o.id, negativeWeights(o.negativeSignals)]));
  const credits = await attributeOutcome(
    decisions.map((d) => {
      const { plan } = plans.get(d.versionId) as LoadedPlan;
      return { ...d, metric: boundMetric(plan.objective), negative: negative.get(plan.objective.id) ?? new Map() };
    }),
    event,
    (metric) => largestSeen(db, event, metric),
  );
  if (credits.length === 0) return [];
  // A decision already rewarded is never changed again, so a retried or concurrent event cannot reward twice.
  return [
    {
      name: "credits",
      sql: sql`update "Decision" d set "penalty" = d."penalty" + r."addPenalty",
          "reward" = coalesce(r."reward", d."reward"),
          "rewardedAt" = case when r."reward" is null then d."rewardedAt" else ${now}::timestamp end
        from jsonb_to_recordset(${JSON.stringify(credits)}::jsonb) as r("id" text, "addPenalty" float8, "reward" float8)
        where d."id" = r."id" and d."rewardedAt" is null
        returning 1`,
    },
  ];
}

/** The largest value of a summed property seen in the window: the scale a sum's reward is normalised by. */
async function largestSeen(db: StepSql, event: TriggerEvent & { workspaceId: string }, metric: ObjectiveMetric) {
  const property = metric.property ?? "";
  const row = await db.first<{ largest: number | null }>(sql`
    select max(("properties"->>${property})::float8) as "largest" from "Event"
    where "workspaceId" = ${event.workspaceId} and "name" = ${event.name} and "type" = 'track'
      and "timestamp" >= ${new Date(event.at.getTime() - metric.windowDays * 86_400_000)}::timestamp
      and jsonb_typeof("properties"->${property}) = 'number'`);
  return row?.largest ?? null;
}

/** Processes one stored event in the caller's transaction. False when another job has processed (or has) it. */
async function processOne(db: StepSql, deps: ProcessEventsDeps, id: string, plansOf: PlansOf): Promise<boolean> {
  const now = new Date();
  const event = await db.first<EventRow>(claimEvent(id, now));
  if (!event) return false;
  const query = rawQuery(db);
  let customer = await resolveCustomer(query, event.workspaceId, {
    userId: event.userId,
    anonymousId: event.anonymousId,
  });
  if (!customer) return true;
  if (event.type === "identify" && event.traits) {
    customer = await applyTraits(query, customer, event.traits, event.context);
  }
  const writes: Write[] = [
    {
      name: "event_customer",
      sql: sql`update "Event" set "customerId" = ${customer.id} where "id" = ${event.id} returning 1`,
    },
  ];
  if (event.type === "track" && event.name) {
    if (event.name === TRACKING_EVENTS.unsubscribed) {
      writes.push({
        name: "unsubscribe",
        sql: sql`update "Customer" set "unsubscribedAt" = ${event.timestamp}::timestamp,
            "consent" = "consent" || '{"email": false}'::jsonb, "updatedAt" = ${now}
          where "id" = ${customer.id} returning 1`,
      });
    }
    writes.push(...(await trackWrites(db, deps, customer, event as EventRow & { name: string }, plansOf, now)));
  }
  await writeAll(db, writes);
  return true;
}

/**
 * Processes stored events on one connection, each in its own transaction that also marks it processed: a retried
 * job skips what already committed, and a crash mid-way leaves the rest for the retry. An event costs a handful of
 * round trips on plain `pg`: claim, customer upsert (which locks the customer), one read of what it can change, one
 * write.
 */
export async function processEvents(
  deps: ProcessEventsDeps,
  withClient: WithClient,
  eventIds: string[],
): Promise<number> {
  // The live plans are read once per job (at most EVENTS_PER_JOB events), not once per event: a journey published
  // meanwhile is picked up by the next job, seconds later.
  const live = new Map<string, Promise<LoadedPlan[]>>();
  const plansOf: PlansOf = (workspaceId) => {
    let plans = live.get(workspaceId);
    if (!plans) {
      plans = livePlans(deps.db, workspaceId);
      live.set(workspaceId, plans);
    }
    return plans;
  };
  return withClient(async (client) => {
    const db = new StepSql(client);
    let processed = 0;
    for (const id of eventIds) {
      await client.query("begin");
      try {
        if (await processOne(db, deps, id, plansOf)) processed++;
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    }
    return processed;
  });
}
