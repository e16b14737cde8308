import { enqueue, loadPlan, OPEN_ENROLLMENT_STATES, stepJobKey, TASKS } from "@northstar/core";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@northstar/db";
import type { PlanStepOf } from "@northstar/journey";
import type { DecisionPolicy } from "../policy/decision-policy";
import { decide } from "./decide";
import { ruleSplitStep, waitStep } from "./flow-steps";
import { type MessageStepOptions, messageStep } from "./message-step";
import type { CustomerView, EnrollmentRow, StepContext, StepResult } from "./step-context";

export interface RunStepDeps extends MessageStepOptions {
  db: PrismaClient;
  policy: DecisionPolicy;
  workerId: string;
}

type LockedRow = EnrollmentRow & {
  c_email: string | null;
  c_phone: string | null;
  c_timeZone: string | null;
  c_consent: unknown;
  c_traits: unknown;
  c_unsubscribedAt: Date | null;
};

function customerOf(row: LockedRow): CustomerView {
  return {
    id: row.customerId,
    email: row.c_email,
    phone: row.c_phone,
    timeZone: row.c_timeZone,
    consent: (row.c_consent ?? {}) as Record<string, unknown>,
    traits: (row.c_traits ?? {}) as Record<string, unknown>,
    unsubscribedAt: row.c_unsubscribedAt,
  };
}

async function evaluate(ctx: StepContext, deps: RunStepDeps): Promise<StepResult> {
  const { step } = ctx;
  switch (step.kind) {
    case "entry": {
      const edgeId = step.successors[0]?.edgeId;
      return edgeId
        ? { type: "advance", edgeId, outcome: "entered" }
        : { type: "finish", state: "EXITED", reason: "dead_end", outcome: "entry without successor" };
    }
    case "agent":
      return decide(ctx, deps.policy);
    case "message":
      return messageStep(ctx, deps);
    case "wait":
      return waitStep(ctx);
    case "rule_split":
      return ruleSplitStep(ctx);
    case "review":
      // The review queue comes with the decisioning work; the customer waits there meanwhile.
      return { type: "park", until: null, waitingFor: "review", state: "REVIEW", outcome: "awaiting human review" };
    case "goal":
      return { type: "finish", state: "COMPLETED", reason: "goal", outcome: "goal reached" };
    case "exit":
      return { type: "finish", state: "EXITED", reason: (step as PlanStepOf<"exit">).config.reason, outcome: "exited" };
  }
}

/** The step log row (what the counters are rolled up from: steps never touch the shared counter rows). */
function logRow(ctx: StepContext, result: StepResult, workerId: string, edgeId: string | null, target: string | null) {
  const { enrollment: e, step } = ctx;
  return Prisma.sql`insert into "StepExecution"
      ("id", "workspaceId", "enrollmentId", "seq", "stepId", "kind", "edgeId", "targetStepId", "outcome", "workerId")
    values (${randomUUID()}, ${e.workspaceId}, ${e.id}, ${e.seq}, ${step.id}, ${step.kind}, ${edgeId}, ${target},
      ${result.outcome}, ${workerId})`;
}

/**
 * Writes the step's outcome. Advancing and finishing are one statement each (log row, enrollment move and next job
 * together): a step's cost is mostly round trips inside its transaction, and fewer of them keep row locks shorter.
 */
async function apply(ctx: StepContext, result: StepResult, workerId: string) {
  const { tx, enrollment: e, plan, step, now } = ctx;
  if (result.type === "park") {
    await tx.enrollment.update({
      where: { id: e.id },
      data: { state: result.state, waitUntil: result.until, waitingFor: result.waitingFor },
    });
    if (result.until) {
      await enqueue(
        tx,
        TASKS.runStep,
        { enrollmentId: e.id, seq: e.seq },
        { jobKey: stepJobKey(e.id), runAt: result.until },
      );
    }
    return;
  }
  if (result.type === "finish") {
    await tx.$executeRaw`
      with logged as (${logRow(ctx, result, workerId, null, null)})
      update "Enrollment" set "state" = ${result.state}, "exitReason" = ${result.reason}, "finishedAt" = ${now},
        "seq" = ${e.seq + 1}, "waitUntil" = null, "waitingFor" = null, "updatedAt" = ${now}
      where "id" = ${e.id}`;
    return;
  }
  const successor = step.successors.find((s) => s.edgeId === result.edgeId);
  if (!successor) throw new Error(`Step ${step.id} of plan ${plan.plan.hash} has no edge ${result.edgeId}`);
  const payload = JSON.stringify({ enrollmentId: e.id, seq: e.seq + 1 });
  await tx.$executeRaw`
    with logged as (${logRow(ctx, result, workerId, successor.edgeId, successor.target)}),
    moved as (
      update "Enrollment" set "state" = 'ACTIVE', "currentStepId" = ${successor.target}, "seq" = ${e.seq + 1},
        "waitUntil" = null, "waitingFor" = null, "resumedBy" = null, "updatedAt" = ${now}
      where "id" = ${e.id}
    )
    select graphile_worker.add_job(identifier => ${TASKS.runStep}, payload => ${payload}::json,
      job_key => ${stepJobKey(e.id)})`;
}

/**
 * Runs one step of one enrollment in one transaction: lock the enrollment, check the job is the current transition
 * (`seq`), evaluate the step, record its effects and queue the next job. A duplicate or late job finds another seq
 * and does nothing; a crash rolls everything back and graphile-worker retries the job.
 */
export async function runStep(deps: RunStepDeps, payload: { enrollmentId: string; seq: number }): Promise<string> {
  return deps.db.$transaction(
    async (tx) => {
      // The customer comes with the locked row (one round trip): most steps need it. Only the enrollment is locked.
      const rows = await tx.$queryRaw<LockedRow[]>`
        select e."id", e."workspaceId", e."journeyId", e."versionId", e."customerId", e."state", e."holdout",
               e."currentStepId", e."seq", e."waitingFor", e."waitUntil", e."resumedBy",
               c."email" as "c_email", c."phone" as "c_phone", c."timeZone" as "c_timeZone", c."consent" as "c_consent",
               c."traits" as "c_traits", c."unsubscribedAt" as "c_unsubscribedAt"
        from "Enrollment" e join "Customer" c on c."id" = e."customerId"
        where e."id" = ${payload.enrollmentId} for update of e`;
      const row = rows[0];
      if (!row) return "missing enrollment";
      const enrollment: EnrollmentRow = row;
      if (enrollment.seq !== payload.seq) return "stale job";
      if (!OPEN_ENROLLMENT_STATES.includes(enrollment.state as never)) return `enrollment ${enrollment.state}`;
      // The version the customer entered with, even if a newer one was published since.
      const plan = await loadPlan(tx, enrollment.versionId);
      const step = enrollment.currentStepId ? plan.steps.get(enrollment.currentStepId) : undefined;
      if (!step) throw new Error(`Enrollment ${enrollment.id} is at unknown step ${enrollment.currentStepId}`);
      const customer = Promise.resolve(customerOf(row));
      const ctx: StepContext = {
        tx,
        enrollment,
        plan,
        step,
        now: new Date(),
        customer: () => customer,
      };
      const result = await evaluate(ctx, deps);
      await apply(ctx, result, deps.workerId);
      return result.outcome;
    },
    { timeout: 30_000 },
  );
}
