import { randomUUID } from "node:crypto";
import { customerFeatures } from "@northstar/agent";
import { attributionEnd, DEFAULT_REVIEW_SLA_HOURS, type StoredDeliverable, stepJobKey, TASKS } from "@northstar/core";
import type {
  DecisionRecord,
  EnrollmentState,
  ReviewRequest,
  StepInput,
  StepOutcome,
  StepResult,
} from "@northstar/engine";
import type { ChannelRegistry } from "../channels/registry";
import type { Content } from "./pg-ports";
import { completeEagerJob, type EagerJob, eagerJob, immediateJobs, keyedJob } from "./jobs";
import { type Sql, type StepSql, sql, type Write, writeAll } from "./step-tx";

const ALREADY_SENT = "already sent by an earlier visit";

/** The enrollment as the step read it; `version` is its row version (PostgreSQL `xmin`), `customerVersion` its
 * customer's. */
export type ReadEnrollment = EnrollmentState & { customerId: string; version: string; customerVersion: string };

export interface ApplyContext {
  workerId: string;
  sendMaxAttempts: number;
  /** The channels, when known: a message for a channel that only stores (the outbox) is written delivered. */
  channels?: ChannelRegistry;
}

/** What the step's ports produced beside the outcome: the deliverable a failed lint held back for review. */
export interface ApplyExtras {
  held: StoredDeliverable | null;
}

/**
 * The step's own job when it is an eager one (deleted with the step's records), and the pool to lock the next step's
 * job for when this worker will run it itself (null: the next step is queued for any worker).
 */
export interface StepJobs {
  current: EagerJob | null;
  eagerFor: string | null;
  /** Whether this worker also runs the sends its steps queue (it has the channels). */
  eagerSends?: boolean;
}

/**
 * What a step that wrote did, as logged, and what this worker is to run itself: the send of the message it queued,
 * and the next step (its eager job, the step and the enrollment's new row version: the worker knows the rest of the
 * row, it just wrote it).
 */
export interface Applied {
  described: string;
  send: { job: EagerJob; messageId: string } | null;
  next: { job: EagerJob; stepId: string; version: string; customerVersion: string | null } | null;
}

/**
 * The enrollment's row, if it and its customer are still the versions the step read: the check that makes the step's
 * writes safe (a customer who unsubscribed or changed consent meanwhile is read again before anything is written).
 */
const unchanged = (e: ReadEnrollment, sends: boolean) => sql`"id" = ${e.id} and "seq" = ${e.seq}
  and xmin = ${e.version}::xid
  and exists (select from "Customer" c where c."id" = ${e.customerId} and c.xmin = ${e.customerVersion}::xid)
  ${sends ? sql`and exists (select from customer_turn)` : sql``}`;

/**
 * A customer's sends take turns, whatever journey they come from: a step that sends first updates the customer's row
 * (a new row version, nothing changed), conditional on the version the step read. Two steps sending to one customer
 * at once both read no recent send and both pass the frequency cap; the second one's update waits for the first's
 * row lock, then finds a newer version and matches nothing, so it writes nothing and its step reads again, now
 * seeing the first send. No lock is held while the step evaluates: the turn is taken in the step's one write.
 */
function customerTurn(e: ReadEnrollment): Write {
  return {
    name: "customer_turn",
    result: 'max("version")',
    sql: sql`update "Customer" set "id" = "id" where "id" = ${e.customerId} and xmin = ${e.customerVersion}::xid
      returning xmin::text as "version"`,
  };
}

function advanceWrite(e: ReadEnrollment, target: string, now: Date, sends: boolean): Write {
  return {
    name: "guard",
    sql: sql`update "Enrollment" set "state" = 'ACTIVE', "currentStepId" = ${target}, "seq" = ${e.seq + 1},
        "waitUntil" = null, "waitingFor" = null, "resumedBy" = null, "updatedAt" = ${now}
      where ${unchanged(e, sends)} returning "id", xmin::text as "version"`,
  };
}

function parkWrite(e: ReadEnrollment, result: Extract<StepResult, { type: "park" }>, now: Date, sends: boolean): Write {
  return {
    name: "guard",
    sql: sql`update "Enrollment" set "state" = ${result.state}, "waitUntil" = ${result.until},
        "waitingFor" = ${result.waitingFor}, "updatedAt" = ${now}
      where ${unchanged(e, sends)} returning "id"`,
  };
}

function finishWrite(
  e: ReadEnrollment,
  result: Extract<StepResult, { type: "finish" }>,
  now: Date,
  sends: boolean,
): Write {
  return {
    name: "guard",
    sql: sql`update "Enrollment" set "state" = ${result.state}, "exitReason" = ${result.reason}, "finishedAt" = ${now},
        "seq" = ${e.seq + 1}, "waitUntil" = null, "waitingFor" = null, "updatedAt" = ${now}
      where ${unchanged(e, sends)} returning "id"`,
  };
}

/**
 * The decision, with the features it was made with (the reward update credits that context) and the end of its
 * attribution window. A decision waiting for a human opens its window only when approved (review-actions).
 */
function decisionWrite(e: ReadEnrollment, d: DecisionRecord, id: string, input: StepInput, now: Date): Write {
  const features = customerFeatures(input.customer.traits, input.customer.timeZone);
  const windowEnds = d.needsReview ? null : attributionEnd(input.plan.objective, now);
  return {
    name: "decision",
    sql: sql`insert into "Decision" ("id", "workspaceId", "enrollmentId", "journeyId", "versionId", "stepId", "seq",
        "customerId", "requestedPolicy", "policy", "fallbackReason", "phase", "propensity", "candidates", "removed",
        "scores", "chosenEdgeId", "explore", "confidence", "rationale", "needsReview", "features", "attributionEndsAt",
        "createdAt")
      select ${id}::text, ${e.workspaceId}::text, ${e.id}::text, ${e.journeyId}::text, ${e.versionId}::text,
        ${d.stepId}::text, ${e.seq}::int, ${e.customerId}::text, ${d.requestedPolicy}::text, ${d.policy}::text,
        ${d.fallbackReason}::text, ${d.phase}::"DecisionPhase", ${d.propensity}::float8,
        ${JSON.stringify(d.candidates)}::jsonb, ${JSON.stringify(d.removed)}::jsonb, ${JSON.stringify(d.scores)}::jsonb,
        ${d.chosenEdgeId}::text, ${d.explore}::boolean, ${d.confidence}::float8, ${d.rationale}::text,
        ${d.needsReview}::boolean, ${JSON.stringify(features)}::jsonb, ${windowEnds}::timestamp, ${now}::timestamp
      from guard
      returning 1`,
  };
}

/** What a human must decide while the customer waits: one item per transition (a re-run adds nothing). */
function reviewWrite(
  e: ReadEnrollment,
  input: StepInput,
  review: ReviewRequest,
  decision: { id: string; rationale: string } | null,
  held: StoredDeliverable | null,
  now: Date,
): Write {
  const { step } = input;
  const slaHours = step.kind === "review" ? step.review.slaHours : DEFAULT_REVIEW_SLA_HOURS;
  return {
    name: "review_item",
    sql: sql`insert into "ReviewItem" ("id", "workspaceId", "enrollmentId", "journeyId", "versionId", "stepId", "seq",
        "customerId", "kind", "decisionId", "deliverable", "reason", "blocks", "rationale", "slaHours", "createdAt")
      select ${randomUUID()}::text, ${e.workspaceId}::text, ${e.id}::text, ${e.journeyId}::text, ${e.versionId}::text,
        ${step.id}::text, ${e.seq}::int, ${e.customerId}::text, ${review.kind}::text, ${decision?.id ?? null}::text,
        ${held ? JSON.stringify(held) : null}::jsonb, ${review.reason}::text, ${JSON.stringify(review.blocks)}::jsonb,
        ${decision?.rationale ?? ""}::text, ${Math.round(slaHours)}::int, ${now}::timestamp
      from guard
      on conflict ("enrollmentId", "seq") do nothing
      returning 1`,
  };
}

/** Every guardrail that skipped, delayed or held a send, with its reason, for the customer's timeline. */
function blockLogWrite(e: ReadEnrollment, input: StepInput, outcome: StepOutcome<Content>, now: Date): Write | null {
  const { step } = input;
  if (outcome.blocks.length === 0 || step.kind !== "message") return null;
  const { result } = outcome;
  const action = result.type === "park" ? (result.state === "REVIEW" ? "review" : "delay") : "skip";
  return {
    name: "block_log",
    sql: sql`insert into "GuardrailBlockLog" ("id", "workspaceId", "enrollmentId", "journeyId", "stepId", "seq",
        "customerId", "channel", "code", "reason", "action", "at")
      select gen_random_uuid()::text, ${e.workspaceId}::text, ${e.id}::text, ${e.journeyId}::text, ${step.id}::text,
        ${e.seq}::int, ${e.customerId}::text, ${step.config.channel}::text, b."code", b."reason", ${action}::text,
        ${now}::timestamp
      from guard, jsonb_to_recordset(${JSON.stringify(outcome.blocks)}::jsonb) as b("code" text, "reason" text)
      returning 1`,
  };
}

/**
 * The outbox row under its idempotency key (enrollment + step + transition `seq`) and its delivery job, created only
 * with the row. A re-run of the same transition finds the key taken and creates neither; a later visit of the same
 * step (a loop through a wait) is a new transition and sends again. For a channel whose delivery is the row itself
 * (the built-in outbox: `storesOnly`), the row is written delivered and there is no job.
 */
function sendWrites(
  e: ReadEnrollment,
  send: NonNullable<StepOutcome<Content>["send"]>,
  ctx: ApplyContext,
  now: Date,
  eagerFor: string | null,
) {
  const { intent, content } = send;
  const messageId = randomUUID();
  const stored = ctx.channels?.adapters[intent.channel]?.storesOnly ?? null;
  const outbox: Write = {
    name: "outbox",
    sql: sql`insert into "Message" ("id", "workspaceId", "enrollmentId", "journeyId", "stepId", "customerId",
        "idempotencyKey", "channel", "to", "subject", "body", "text", "links", "trackingToken", "renderedBy",
        "status", "provider", "attempts", "sentAt", "createdAt", "updatedAt")
      select ${messageId}::text, ${e.workspaceId}::text, ${e.id}::text, ${e.journeyId}::text, ${intent.stepId}::text,
        ${e.customerId}::text, ${`${e.id}:${intent.stepId}:${e.seq}`}::text, ${intent.channel}::text, ${intent.to}::text,
        ${content.subject}::text, ${content.body}::text, ${content.text}::text, ${JSON.stringify(content.links)}::jsonb,
        ${content.trackingToken}::text, ${content.renderedBy}::text, ${stored?.status ?? "PENDING"}::text,
        ${stored?.provider ?? null}::text, ${stored ? 1 : 0}::int, ${stored ? now : null}::timestamp, ${now}::timestamp,
        ${now}::timestamp
      from guard
      on conflict ("idempotencyKey") do nothing
      returning "id"`,
  };
  const payload = sql`select json_build_object('messageId', o."id") from outbox o`;
  const sendJob = stored
    ? []
    : eagerFor
      ? [eagerJob("send_job", TASKS.sendMessage, payload, eagerFor, ctx.sendMaxAttempts)]
      : immediateJobs("send_job", TASKS.sendMessage, payload, ctx.sendMaxAttempts);
  const to = intent.channel === "email" ? maskEmail(intent.to) : intent.channel;
  const line = stored ? `stored ${intent.channel} to ${to} in the outbox` : `queued ${intent.channel} to ${to}`;
  const described = sql`case when exists (select from outbox) then ${line}::text else ${ALREADY_SENT}::text end`;
  return { writes: [outbox, ...sendJob], line, described, messageId };
}

/** Logs keep enough to recognise a recipient without spelling the address out. */
function maskEmail(address: string): string {
  const [user = "", domain = ""] = address.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
}

/** The step log row: what the counters are rolled up from (steps never touch the shared counter rows). */
function stepLogWrite(
  e: ReadEnrollment,
  input: StepInput,
  outcome: Sql,
  ctx: ApplyContext,
  edge: { edgeId: string; target: string } | null,
  now: Date,
): Write {
  return {
    name: "step_log",
    sql: sql`insert into "StepExecution" ("id", "workspaceId", "enrollmentId", "seq", "stepId", "kind", "edgeId",
        "targetStepId", "outcome", "workerId", "executedAt")
      select ${randomUUID()}::text, ${e.workspaceId}::text, ${e.id}::text, ${e.seq}::int, ${input.step.id}::text,
        ${input.step.kind}::text, ${edge?.edgeId ?? null}::text, ${edge?.target ?? null}::text, ${outcome},
        ${ctx.workerId}::text, ${now}::timestamp
      from guard
      returning 1`,
  };
}

/**
 * The enrollment's next step, due now, written only with the move: a plain job (see jobs.ts), or an eager one locked
 * for this worker's pool.
 */
function nextStepJob(e: ReadEnrollment, seq: number, eagerFor: string | undefined): Write[] {
  const payload = sql`select json_build_object('enrollmentId', ${e.id}::text, 'seq', ${seq}::int) from guard`;
  return eagerFor
    ? [eagerJob("step_job", TASKS.runStep, payload, eagerFor)]
    : immediateJobs("step_job", TASKS.runStep, payload);
}

/**
 * The job that wakes a parked enrollment. It carries the enrollment's job key, so that an event resuming the wait
 * replaces it instead of adding a second one (see jobs.ts).
 */
function parkedStepJob(e: ReadEnrollment, until: Date): Write[] {
  return keyedJob(
    "step_job",
    TASKS.runStep,
    stepJobKey(e.id),
    until,
    sql`json_build_object('enrollmentId', ${e.id}::text, 'seq', ${e.seq}::int)`,
    "guard",
  );
}

/**
 * Stores a step's outcome in one statement: the enrollment's move (the guard), its step log row, the decision, the
 * review item of a REVIEW park, the guardrail blocks, the send and the next job. Returns what the step did as
 * logged, or null when the enrollment changed since the step read it (nothing was written; the caller reads it again).
 */
export async function applyOutcome(
  db: StepSql,
  ctx: ApplyContext,
  e: ReadEnrollment,
  input: StepInput,
  outcome: StepOutcome<Content>,
  extras: ApplyExtras = { held: null },
  jobs: StepJobs = { current: null, eagerFor: null },
): Promise<Applied | null> {
  const { now, step } = input;
  const { result } = outcome;
  const sendsFor = jobs.eagerSends ? jobs.eagerFor : null;
  const send = outcome.send ? sendWrites(e, outcome.send, ctx, now, sendsFor) : null;
  const described = send?.described ?? sql`${result.outcome}::text`;
  const decision = outcome.decision ? { ...outcome.decision, id: randomUUID() } : null;
  // A CTE sees only those before it: the guard first, the step log after the send it describes.
  const writes: Write[] = send ? [customerTurn(e)] : [];
  const later: Write[] = [];
  let eager: { lockedBy: string; stepId: string } | null = null;
  if (result.type === "park") {
    writes.push(parkWrite(e, result, now, send !== null));
    if (result.until) later.push(...parkedStepJob(e, result.until));
    if (result.state === "REVIEW") later.push(reviewWrite(e, input, result.review, decision, extras.held, now));
  } else if (result.type === "finish") {
    writes.push(finishWrite(e, result, now, send !== null));
    later.push(stepLogWrite(e, input, described, ctx, null, now));
  } else {
    const successor = step.successors.find((s) => s.edgeId === result.edgeId);
    if (!successor) throw new Error(`Step ${step.id} of plan ${input.plan.hash} has no edge ${result.edgeId}`);
    eager = jobs.eagerFor ? { lockedBy: jobs.eagerFor, stepId: successor.target } : null;
    writes.push(advanceWrite(e, successor.target, now, send !== null));
    later.push(stepLogWrite(e, input, described, ctx, successor, now), ...nextStepJob(e, e.seq + 1, eager?.lockedBy));
    if (eager) later.push({ name: "moved", sql: sql`select "version" from guard`, result: 'max("version")' });
  }
  if (decision) writes.push(decisionWrite(e, decision, decision.id, input, now));
  const blocks = blockLogWrite(e, input, outcome, now);
  if (blocks) writes.push(blocks);
  if (send) writes.push(...send.writes);
  writes.push(...later);
  if (jobs.current) writes.push(completeEagerJob(jobs.current, "guard"));
  const written = await writeAll(db, writes);
  if (written.guard === 0) return null;
  const next =
    eager && written.step_job != null
      ? {
          job: { id: Number(written.step_job), lockedBy: eager.lockedBy },
          stepId: eager.stepId,
          version: String(written.moved),
          // A send took the customer's turn: their row has a new version, which the next step must expect.
          customerVersion: written.customer_turn != null ? String(written.customer_turn) : null,
        }
      : null;
  const sendJob =
    send && sendsFor && written.send_job != null
      ? { job: { id: Number(written.send_job), lockedBy: sendsFor }, messageId: send.messageId }
      : null;
  if (send) return { described: written.outbox === 0 ? ALREADY_SENT : send.line, send: sendJob, next };
  return { described: result.outcome, send: null, next };
}
