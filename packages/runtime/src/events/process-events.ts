import { randomUUID } from "node:crypto";
import {
  attributeOutcome,
  boundMetric,
  type LoadedPlan,
  livePlans,
  loadPlan,
  matchingEntry,
  mayEnter,
  negativeWeights,
  type ObjectiveMetric,
  OPEN_ENROLLMENT_STATES,
  type OpenDecision,
  stepJobKey,
  TASKS,
  TRACKING_EVENTS,
  type TriggerEvent,
  traitUpdate,
} from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import { immediateJobs } from "../execute/jobs";
import { join, StepSql, sql, type Write, type WithClient, writeAll } from "../execute/step-tx";

export interface ProcessEventsDeps {
  /** Reads published plans (once per version and process: they are immutable). */
  db: PrismaClient;
  /** Draws the holdout; `Math.random` unless a test fixes it. */
  random?: () => number;
}

/** [id, journeyId, versionId, seq, state, waitingFor] */
type OpenRow = [string, string, string, number, string, string | null];
/** [id, enrollmentId, versionId, stepId, createdAt (UTC, without zone), penalty] */
type DecisionRow = [string, string, string, string, string, number];
/** [journeyId, state, enteredAt (UTC, without zone)] */
type LastRow = [string, string, string];

/** The event's customer as read, with its row version (`xmin`): the event's write applies only to that version. */
interface EventCustomer {
  id: string;
  version: string;
  anonymousId: string | null;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
  consent: Record<string, unknown>;
  traits: Record<string, unknown>;
}

interface EventRead {
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
  processed: boolean;
  /** Null when the event names nobody (no userId, no anonymousId) or a profile was created meanwhile (read again). */
  customer: EventCustomer | null;
  open: OpenRow[];
  decisions: DecisionRow[];
  last: LastRow[];
}

/**
 * Everything one event needs, in ONE round trip: the event, its customer (created when new, by userId or else
 * anonymousId, race-free through ON CONFLICT; a profile another job created meanwhile is not visible to this
 * statement, so the customer comes back null and the event is read again), the customer's open enrollments,
 * the decisions still open to attribution at the event's time, and the last enrollment per journey (re-entry).
 */
const readEvent = (id: string, newCustomerId: string, now: Date) => sql`
  with ev as (
    select "id", "workspaceId", "type", "name", "userId", "anonymousId", "properties", "traits", "context",
      "timestamp", "processedAt" is not null as "processed"
    from "Event" where "id" = ${id}
  ),
  created as (
    insert into "Customer" ("id", "workspaceId", "externalId", "anonymousId", "createdAt", "updatedAt")
    select ${newCustomerId}::text, ev."workspaceId", ev."userId",
      case when ev."userId" is null then ev."anonymousId" end, ${now}::timestamp, ${now}::timestamp
    from ev where not ev."processed" and coalesce(ev."userId", ev."anonymousId") is not null
    on conflict do nothing
    returning "id", xmin::text as "version", "anonymousId", "email", "phone", "timeZone", "consent", "traits"
  ),
  customer as (
    select * from created
    union all
    select c."id", c.xmin::text, c."anonymousId", c."email", c."phone", c."timeZone", c."consent", c."traits"
    from "Customer" c, ev
    where not exists (select from created) and not ev."processed" and c."workspaceId" = ev."workspaceId"
      and case when ev."userId" is not null then c."externalId" = ev."userId" else c."anonymousId" = ev."anonymousId" end
  )
  select ev."id", ev."workspaceId", ev."type", ev."name", ev."userId", ev."anonymousId", ev."properties",
    ev."traits", ev."context", ev."timestamp" at time zone 'UTC' as "timestamp", ev."processed",
    (select row_to_json(customer) from customer) as "customer",
    coalesce((select json_agg(json_build_array(e."id", e."journeyId", e."versionId", e."seq", e."state", e."waitingFor"))
              from "Enrollment" e, customer
              where e."workspaceId" = ev."workspaceId" and e."customerId" = customer."id"
                and e."state" = any(${OPEN_ENROLLMENT_STATES}::text[])), '[]') as "open",
    coalesce((select json_agg(json_build_array(d."id", d."enrollmentId", d."versionId", d."stepId", d."createdAt",
                                               d."penalty"))
              from "Decision" d, customer
              where d."customerId" = customer."id" and d."rewardedAt" is null and d."createdAt" <= ev."timestamp"
                and d."attributionEndsAt" >= ev."timestamp"), '[]') as "decisions",
    coalesce((select json_agg(json_build_array(l."journeyId", l."state", l."enteredAt"))
              from (select distinct on (e."journeyId") e."journeyId", e."state", e."enteredAt"
                    from "Enrollment" e, customer
                    where e."workspaceId" = ev."workspaceId" and e."customerId" = customer."id"
                    order by e."journeyId", e."enteredAt" desc) l), '[]') as "last"
  from ev`;

const utc = (timestamp: string) => new Date(`${timestamp}Z`);

/** Every write of an event's statement but the guard's own: applied only when the guard matched. */
const guarded = sql`exists (select from guard)`;

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
          and ${guarded}
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

/** The objective's event completes an enrollment; an unsubscribe exits it. seq moves on: pending step jobs are stale. */
function exitWrites(exits: { row: OpenRow; reason: string }[], event: TriggerEvent, now: Date): Write[] {
  if (exits.length === 0) return [];
  const rows = exits.map(({ row, reason }) => ({
    id: row[0],
    state: reason === "goal" ? "COMPLETED" : "EXITED",
    reason,
  }));
  return [
    {
      name: "exits",
      sql: sql`update "Enrollment" e set "state" = r."state", "exitReason" = r."reason",
          "finishedAt" = ${event.at}::timestamp, "waitingFor" = null, "seq" = e."seq" + 1, "updatedAt" = ${now}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("id" text, "state" text, "reason" text)
        where e."id" = r."id" and e."state" = any(${OPEN_ENROLLMENT_STATES}::text[]) and ${guarded}
        returning e."id"`,
    },
  ];
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
        where ${guarded}
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
 * What one tracked event does to its customer, from what `readEvent` returned: attribution of open decisions
 * (rewards, penalties), exits (goal, unsubscribe), resumed waits and new enrollments.
 */
async function trackWrites(
  db: StepSql,
  deps: ProcessEventsDeps,
  read: EventRead & { name: string; customer: EventCustomer },
  plansOf: PlansOf,
  now: Date,
): Promise<Write[]> {
  const trigger: TriggerEvent = { id: read.id, name: read.name, properties: read.properties, at: read.timestamp };
  const entering = (await plansOf(read.workspaceId)).filter((plan) => matchingEntry(plan, trigger));
  const writes: Write[] = [];

  // Rewards follow the objective's attribution window, not the enrollment: a customer may convert after leaving.
  const decisions = read.decisions.map(([id, enrollmentId, versionId, stepId, createdAt, penalty]) => ({
    id,
    enrollmentId,
    versionId,
    stepId,
    createdAt: utc(createdAt),
    penalty,
  }));
  if (decisions.length > 0) {
    writes.push(...(await attributionWrites(db, deps, decisions, { ...trigger, workspaceId: read.workspaceId }, now)));
  }

  const exits: { row: OpenRow; reason: string }[] = [];
  for (const row of read.open) {
    const plan = await loadPlan(deps.db, row[2]);
    const reason =
      plan.goalEvent === read.name ? "goal" : read.name === TRACKING_EVENTS.unsubscribed ? "unsubscribed" : null;
    if (reason) exits.push({ row, reason });
  }
  const exiting = new Set(exits.map((x) => x.row[0]));
  writes.push(...exitWrites(exits, trigger, now));
  writes.push(
    ...resumeWrites(
      read.open.filter((row) => row[4] === "WAITING" && row[5] === read.name && !exiting.has(row[0])),
      trigger,
      now,
    ),
  );

  const last = new Map(read.last.map(([journeyId, s, enteredAt]) => [journeyId, { s, enteredAt }]));
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
      read.timestamp,
    );
  });
  writes.push(...enrollWrites(enrolling, read.customer.id, trigger, now, deps.random ?? Math.random));
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
        where d."id" = r."id" and d."rewardedAt" is null and ${guarded}
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

/**
 * The guard of an event's statement: the customer's row, updated only if it is still the version read and the event
 * is still unprocessed. It carries what the event changes on the profile (identify traits, a linked anonymous id,
 * an unsubscribe). Two events of one customer processed at once: the first to write wins, the other matches
 * nothing, writes nothing and is read again, so a customer's entries and re-entry rules see one event at a time.
 */
function customerGuard(read: EventRead & { customer: EventCustomer }, now: Date): Write {
  const { customer } = read;
  const sets = [sql`"updatedAt" = ${now}`];
  if (read.type === "identify" && read.traits) {
    const next = traitUpdate(
      { ...customer, workspaceId: read.workspaceId, externalId: read.userId, unsubscribedAt: null },
      read.traits,
      read.context,
    );
    sets.push(sql`"email" = ${next.email}, "phone" = ${next.phone}, "timeZone" = ${next.timeZone},
      "consent" = ${JSON.stringify(next.consent)}::jsonb, "traits" = ${JSON.stringify(next.traits)}::jsonb`);
  }
  if (read.userId && read.anonymousId && !customer.anonymousId) {
    // Links the anonymous id unless another profile holds it already (profiles are not merged automatically).
    sets.push(sql`"anonymousId" = case when exists (select from "Customer" o where o."workspaceId" = ${read.workspaceId}
        and o."anonymousId" = ${read.anonymousId}) then "anonymousId" else ${read.anonymousId}::text end`);
  }
  if (read.type === "track" && read.name === TRACKING_EVENTS.unsubscribed) {
    sets.push(sql`"unsubscribedAt" = ${read.timestamp}::timestamp, "consent" = "consent" || '{"email": false}'::jsonb`);
  }
  return {
    name: "guard",
    sql: sql`update "Customer" set ${join(sets, ", ")}
      where "id" = ${customer.id} and xmin = ${customer.version}::xid
        and exists (select from "Event" where "id" = ${read.id} and "processedAt" is null)
      returning "id"`,
  };
}

/** Marks the event processed, with its customer, only with the guard: it commits with everything it causes. */
const claimWrite = (read: EventRead, customerId: string | null, now: Date): Write => ({
  name: "claim",
  sql: sql`update "Event" set "processedAt" = ${now}, "customerId" = ${customerId}::text
    where "id" = ${read.id} and "processedAt" is null ${customerId ? sql`and ${guarded}` : sql``}
    returning 1`,
});

/** Reads that found the customer changed before their write are repeated; past this, the job fails and retries. */
const MAX_ATTEMPTS = 5;

/**
 * Processes one stored event: ONE read (readEvent), then ONE statement that writes everything it causes, guarded
 * by the customer's row version and the event being unprocessed (customerGuard). No transaction or lock is held in
 * between. False when the event was processed already (by an earlier run of this job, or another job).
 */
async function processOne(db: StepSql, deps: ProcessEventsDeps, id: string, plansOf: PlansOf): Promise<boolean> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = new Date();
    const read = await db.first<EventRead>(readEvent(id, `c${randomUUID().replaceAll("-", "")}`, now));
    if (!read || read.processed) return false;
    if (!read.userId && !read.anonymousId) {
      // Nobody to act on: only marked processed.
      return (await writeAll(db, [claimWrite(read, null, now)])).claim === 1;
    }
    if (!read.customer) continue;
    const known = { ...read, customer: read.customer };
    const writes = [customerGuard(known, now), claimWrite(read, read.customer.id, now)];
    if (read.type === "track" && read.name) {
      writes.push(...(await trackWrites(db, deps, { ...known, name: read.name }, plansOf, now)));
    }
    if ((await writeAll(db, writes)).claim === 1) return true;
  }
  throw new Error(`The customer of event ${id} kept changing while it was processed; the job will retry`);
}

/**
 * Processes stored events on one connection, one after the other, each in two round trips (see processOne): a
 * retried job skips what already committed, and a crash mid-way leaves the rest for the retry.
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
      if (await processOne(db, deps, id, plansOf)) processed++;
    }
    return processed;
  });
}
