import { randomUUID } from "node:crypto";
import { stepJobKey, TASKS } from "@northstar/core";
import type { DecisionRecord, EnrollmentState, StepInput, StepOutcome, StepResult } from "@northstar/engine";
import type { Content } from "./pg-ports";
import { join, type Sql, type StepTx, sql } from "./step-tx";

const ALREADY_SENT = "already sent by an earlier visit";

/** The enrollment as the step locked it. */
export type LockedEnrollment = EnrollmentState & { customerId: string };

export interface ApplyContext {
  workerId: string;
  sendMaxAttempts: number;
}

/**
 * One record a step writes: a data-modifying CTE (or a select of graphile_worker.add_job) returning one row per
 * record written. All records of a step go to PostgreSQL as one statement (see `writeAll`), so a new kind of record
 * is one more small function here and no extra round trip.
 */
export interface Write {
  name: string;
  sql: Sql;
}

/** Runs the writes as one statement; returns how many rows each wrote, by name. */
async function writeAll(tx: StepTx, writes: Write[]): Promise<Record<string, number>> {
  const ctes = join(
    writes.map((w) => sql([`${w.name} as (`, ")"], w.sql)),
    ", ",
  );
  const counts = join(
    writes.map((w) => sql([`(select count(*) from ${w.name})::int as "${w.name}"`])),
    ", ",
  );
  return (await tx.first<Record<string, number>>(sql`with ${ctes} select ${counts}`)) ?? {};
}

function decisionWrite(e: LockedEnrollment, d: DecisionRecord, now: Date): Write {
  return {
    name: "decision",
    sql: sql`insert into "Decision" ("id", "workspaceId", "enrollmentId", "journeyId", "versionId", "stepId", "seq",
        "customerId", "policy", "candidates", "removed", "scores", "chosenEdgeId", "explore", "confidence", "rationale",
        "needsReview", "createdAt")
      values (${randomUUID()}, ${e.workspaceId}, ${e.id}, ${e.journeyId}, ${e.versionId}, ${d.stepId}, ${e.seq},
        ${e.customerId}, ${d.policy}, ${JSON.stringify(d.candidates)}::jsonb, ${JSON.stringify(d.removed)}::jsonb,
        ${JSON.stringify(d.scores)}::jsonb, ${d.chosenEdgeId}, ${d.explore}, ${d.confidence}, ${d.rationale},
        ${d.needsReview}, ${now})
      returning 1`,
  };
}

/**
 * The outbox row under its idempotency key (enrollment + step + transition `seq`) and its delivery job, created only
 * with the row. A re-run of the same transition finds the key taken and creates neither; a later visit of the same
 * step (a loop through a wait) is a new transition and sends again.
 */
function sendWrites(
  e: LockedEnrollment,
  send: NonNullable<StepOutcome<Content>["send"]>,
  ctx: ApplyContext,
  now: Date,
) {
  const { intent, content } = send;
  const outbox: Write = {
    name: "outbox",
    sql: sql`insert into "Message" ("id", "workspaceId", "enrollmentId", "journeyId", "stepId", "customerId",
        "idempotencyKey", "channel", "to", "subject", "body", "text", "links", "trackingToken", "createdAt", "updatedAt")
      values (${randomUUID()}, ${e.workspaceId}, ${e.id}, ${e.journeyId}, ${intent.stepId}, ${e.customerId},
        ${`${e.id}:${intent.stepId}:${e.seq}`}, ${intent.channel}, ${intent.to}, ${content.subject}, ${content.body},
        ${content.text}, ${JSON.stringify(content.links)}::jsonb, ${content.trackingToken}, ${now}, ${now})
      on conflict ("idempotencyKey") do nothing
      returning "id"`,
  };
  const sendJob: Write = {
    name: "send_job",
    sql: sql`select graphile_worker.add_job(identifier => ${TASKS.sendMessage}::text,
        payload => json_build_object('messageId', o."id"), max_attempts => ${ctx.sendMaxAttempts}::int,
        job_key => 'send:' || o."id")
      from outbox o`,
  };
  const queued = `queued ${intent.channel} to ${intent.channel === "email" ? maskEmail(intent.to) : intent.channel}`;
  const described = sql`case when exists (select from outbox) then ${queued}::text else ${ALREADY_SENT}::text end`;
  return { writes: [outbox, sendJob], queued, described };
}

/** Logs keep enough to recognise a recipient without spelling the address out. */
function maskEmail(address: string): string {
  const [user = "", domain = ""] = address.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
}

/** The step log row: what the counters are rolled up from (steps never touch the shared counter rows). */
function stepLogWrite(
  e: LockedEnrollment,
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
      values (${randomUUID()}, ${e.workspaceId}, ${e.id}, ${e.seq}, ${input.step.id}, ${input.step.kind},
        ${edge?.edgeId ?? null}, ${edge?.target ?? null}, ${outcome}, ${ctx.workerId}, ${now})
      returning 1`,
  };
}

function advanceWrite(e: LockedEnrollment, target: string, now: Date): Write {
  return {
    name: "enrollment",
    sql: sql`update "Enrollment" set "state" = 'ACTIVE', "currentStepId" = ${target}, "seq" = ${e.seq + 1},
        "waitUntil" = null, "waitingFor" = null, "resumedBy" = null, "updatedAt" = ${now}
      where "id" = ${e.id} returning 1`,
  };
}

function parkWrite(e: LockedEnrollment, result: Extract<StepResult, { type: "park" }>, now: Date): Write {
  return {
    name: "enrollment",
    sql: sql`update "Enrollment" set "state" = ${result.state}, "waitUntil" = ${result.until},
        "waitingFor" = ${result.waitingFor}, "updatedAt" = ${now}
      where "id" = ${e.id} returning 1`,
  };
}

function finishWrite(e: LockedEnrollment, result: Extract<StepResult, { type: "finish" }>, now: Date): Write {
  return {
    name: "enrollment",
    sql: sql`update "Enrollment" set "state" = ${result.state}, "exitReason" = ${result.reason}, "finishedAt" = ${now},
        "seq" = ${e.seq + 1}, "waitUntil" = null, "waitingFor" = null, "updatedAt" = ${now}
      where "id" = ${e.id} returning 1`,
  };
}

/** The enrollment's next step job (one job key per enrollment: a duplicate replaces, never doubles, the pending one). */
function stepJobWrite(e: LockedEnrollment, seq: number, runAt: Date | null): Write {
  return {
    name: "step_job",
    sql: sql`select graphile_worker.add_job(identifier => ${TASKS.runStep}::text,
      payload => json_build_object('enrollmentId', ${e.id}::text, 'seq', ${seq}::int),
      run_at => ${runAt}::timestamptz, job_key => ${stepJobKey(e.id)}::text)`,
  };
}

/**
 * Stores a step's outcome in the step's transaction, in one statement: the decision, the send, the enrollment's move
 * (with its step log row) and the next job. Returns what the step did, as logged.
 */
export async function applyOutcome(
  tx: StepTx,
  ctx: ApplyContext,
  e: LockedEnrollment,
  input: StepInput,
  outcome: StepOutcome<Content>,
): Promise<string> {
  const { now, step } = input;
  const { result } = outcome;
  const writes: Write[] = [];
  if (outcome.decision) writes.push(decisionWrite(e, outcome.decision, now));
  const send = outcome.send ? sendWrites(e, outcome.send, ctx, now) : null;
  if (send) writes.push(...send.writes);
  const described = send?.described ?? sql`${result.outcome}::text`;
  if (result.type === "park") {
    writes.push(parkWrite(e, result, now));
    if (result.until) writes.push(stepJobWrite(e, e.seq, result.until));
  } else if (result.type === "finish") {
    writes.push(stepLogWrite(e, input, described, ctx, null, now), finishWrite(e, result, now));
  } else {
    const successor = step.successors.find((s) => s.edgeId === result.edgeId);
    if (!successor) throw new Error(`Step ${step.id} of plan ${input.plan.hash} has no edge ${result.edgeId}`);
    writes.push(
      stepLogWrite(e, input, described, ctx, successor, now),
      advanceWrite(e, successor.target, now),
      stepJobWrite(e, e.seq + 1, null),
    );
  }
  const written = await writeAll(tx, writes);
  if (send) return written.outbox === 0 ? ALREADY_SENT : send.queued;
  return result.outcome;
}
