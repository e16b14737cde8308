import { enqueue, loadPlan, OPEN_ENROLLMENT_STATES, stepJobKey, TASKS } from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import type { PlanStepOf } from "@northstar/journey";
import type { DecisionPolicy } from "../policy/decision-policy";
import { decide } from "./decide";
import { ruleSplitStep, waitStep } from "./flow-steps";
import { type MessageStepOptions, messageStep } from "./message-step";
import type { CustomerView, EnrollmentRow, StepContext, StepResult, Tx } from "./step-context";

export interface RunStepDeps extends MessageStepOptions {
  db: PrismaClient;
  policy: DecisionPolicy;
  workerId: string;
}

async function loadCustomer(tx: Tx, id: string): Promise<CustomerView> {
  const c = await tx.customer.findUniqueOrThrow({ where: { id } });
  return {
    id: c.id,
    email: c.email,
    phone: c.phone,
    timeZone: c.timeZone,
    consent: (c.consent ?? {}) as Record<string, unknown>,
    traits: (c.traits ?? {}) as Record<string, unknown>,
    unsubscribedAt: c.unsubscribedAt,
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

async function apply(ctx: StepContext, result: StepResult, workerId: string) {
  const { tx, enrollment: e, plan, step, now } = ctx;
  // The log row is what the counters are rolled up from (rollupCounters): steps never touch the shared counter rows.
  const log = (edgeId: string | null, targetStepId: string | null) =>
    tx.stepExecution.create({
      data: {
        workspaceId: e.workspaceId,
        enrollmentId: e.id,
        seq: e.seq,
        stepId: step.id,
        kind: step.kind,
        edgeId,
        targetStepId,
        outcome: result.outcome,
        workerId,
      },
    });
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
    await log(null, null);
    await tx.enrollment.update({
      where: { id: e.id },
      data: {
        state: result.state,
        exitReason: result.reason,
        finishedAt: now,
        seq: e.seq + 1,
        waitUntil: null,
        waitingFor: null,
      },
    });
    return;
  }
  const successor = step.successors.find((s) => s.edgeId === result.edgeId);
  if (!successor) throw new Error(`Step ${step.id} of plan ${plan.plan.hash} has no edge ${result.edgeId}`);
  await log(successor.edgeId, successor.target);
  await tx.enrollment.update({
    where: { id: e.id },
    data: {
      state: "ACTIVE",
      currentStepId: successor.target,
      seq: e.seq + 1,
      waitUntil: null,
      waitingFor: null,
      resumedBy: null,
    },
  });
  await enqueue(tx, TASKS.runStep, { enrollmentId: e.id, seq: e.seq + 1 }, { jobKey: stepJobKey(e.id) });
}

/**
 * Runs one step of one enrollment in one transaction: lock the enrollment, check the job is the current transition
 * (`seq`), evaluate the step, record its effects and queue the next job. A duplicate or late job finds another seq
 * and does nothing; a crash rolls everything back and graphile-worker retries the job.
 */
export async function runStep(deps: RunStepDeps, payload: { enrollmentId: string; seq: number }): Promise<string> {
  return deps.db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<EnrollmentRow[]>`
        select "id", "workspaceId", "journeyId", "versionId", "customerId", "state", "holdout", "currentStepId", "seq",
               "waitingFor", "waitUntil", "resumedBy"
        from "Enrollment" where "id" = ${payload.enrollmentId} for update`;
      const enrollment = rows[0];
      if (!enrollment) return "missing enrollment";
      if (enrollment.seq !== payload.seq) return "stale job";
      if (!OPEN_ENROLLMENT_STATES.includes(enrollment.state as never)) return `enrollment ${enrollment.state}`;
      // The version the customer entered with, even if a newer one was published since.
      const plan = await loadPlan(tx, enrollment.versionId);
      const step = enrollment.currentStepId ? plan.steps.get(enrollment.currentStepId) : undefined;
      if (!step) throw new Error(`Enrollment ${enrollment.id} is at unknown step ${enrollment.currentStepId}`);
      let customer: Promise<CustomerView> | undefined;
      const ctx: StepContext = {
        tx,
        enrollment,
        plan,
        step,
        now: new Date(),
        customer: () => {
          customer ??= loadCustomer(tx, enrollment.customerId);
          return customer;
        },
      };
      const result = await evaluate(ctx, deps);
      await apply(ctx, result, deps.workerId);
      return result.outcome;
    },
    { timeout: 30_000 },
  );
}
