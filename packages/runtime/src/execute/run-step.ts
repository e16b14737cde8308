import { randomBytes, randomUUID } from "node:crypto";
import { enqueue, loadPlan, OPEN_ENROLLMENT_STATES, stepJobKey, TASKS } from "@northstar/core";
import { Prisma, type PrismaClient } from "@northstar/db";
import {
  type CustomerView,
  type DecisionPolicy,
  type EnrollmentState,
  evaluateStep,
  type StepInput,
  type StepOutcome,
  type StepPorts,
} from "@northstar/engine";
import { type RenderedMessage, renderMessage } from "../channels/render";

type Tx = Prisma.TransactionClient;

export interface RunStepDeps {
  db: PrismaClient;
  policy: DecisionPolicy;
  workerId: string;
  publicUrl: string;
  sendMaxAttempts: number;
  defaultTimeZone?: string;
}

type LockedRow = EnrollmentState & {
  state: string;
  customerId: string;
  currentStepId: string | null;
  c_email: string | null;
  c_phone: string | null;
  c_timeZone: string | null;
  c_consent: unknown;
  c_traits: unknown;
  c_unsubscribedAt: Date | null;
};

/** A rendered message with the token its tracking links carry. */
type Content = RenderedMessage & { trackingToken: string };

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

/** The engine's ports on PostgreSQL, inside the step's transaction. */
function ports(tx: Tx, deps: RunStepDeps, row: LockedRow, customer: CustomerView): StepPorts<Content> {
  return {
    policy: deps.policy,
    defaultTimeZone: deps.defaultTimeZone ?? "UTC",
    async decisionHistory() {
      const rows = await tx.decision.findMany({
        where: { enrollmentId: row.id },
        orderBy: { seq: "asc" },
        select: { stepId: true, chosenEdgeId: true, createdAt: true },
      });
      return rows.map((h) => ({ stepId: h.stepId, chosenEdgeId: h.chosenEdgeId, at: h.createdAt }));
    },
    async recentSends(channel, since) {
      const rows = await tx.message.findMany({
        where: { customerId: customer.id, channel, createdAt: { gte: since }, status: { not: "DROPPED" } },
        select: { channel: true, createdAt: true, journeyId: true },
      });
      return rows.map((m) => ({ channel, at: m.createdAt, journeyId: m.journeyId ?? "" }));
    },
    async prepareMessage(intent) {
      const trackingToken = randomBytes(18).toString("base64url");
      const rendered = renderMessage({ config: intent.config, customer, publicUrl: deps.publicUrl, trackingToken });
      return { ok: true, content: { ...rendered, trackingToken } };
    },
  };
}

/** The step log row (what the counters are rolled up from: steps never touch the shared counter rows). */
function logRow(
  e: LockedRow,
  stepId: string,
  kind: string,
  outcome: string,
  workerId: string,
  edgeId: string | null,
  target: string | null,
) {
  return Prisma.sql`insert into "StepExecution"
      ("id", "workspaceId", "enrollmentId", "seq", "stepId", "kind", "edgeId", "targetStepId", "outcome", "workerId")
    values (${randomUUID()}, ${e.workspaceId}, ${e.id}, ${e.seq}, ${stepId}, ${kind}, ${edgeId}, ${target},
      ${outcome}, ${workerId})`;
}

/** Logs keep enough to recognise a recipient without spelling the address out. */
function maskEmail(address: string): string {
  const [user = "", domain = ""] = address.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
}

/**
 * Writes the message to the outbox under its idempotency key (enrollment + step + transition `seq`) and queues its
 * delivery. A re-run of the same transition finds the key taken and creates nothing; a later visit of the same step
 * (a loop through a wait) is a new transition and sends again.
 */
async function storeSend(tx: Tx, deps: RunStepDeps, e: LockedRow, send: NonNullable<StepOutcome<Content>["send"]>) {
  const { intent, content } = send;
  const created = await tx.message.createManyAndReturn({
    data: {
      workspaceId: e.workspaceId,
      enrollmentId: e.id,
      journeyId: e.journeyId,
      stepId: intent.stepId,
      customerId: e.customerId,
      idempotencyKey: `${e.id}:${intent.stepId}:${e.seq}`,
      channel: intent.channel,
      to: intent.to,
      subject: content.subject,
      body: content.body,
      text: content.text,
      links: content.links,
      trackingToken: content.trackingToken,
    },
    skipDuplicates: true,
    select: { id: true },
  });
  const message = created[0];
  if (!message) return "already sent by an earlier visit";
  await enqueue(
    tx,
    TASKS.sendMessage,
    { messageId: message.id },
    { jobKey: `send:${message.id}`, maxAttempts: deps.sendMaxAttempts },
  );
  return `queued ${intent.channel} to ${intent.channel === "email" ? maskEmail(intent.to) : intent.channel}`;
}

/**
 * Stores the step's outcome. Advancing and finishing are one statement each (log row, enrollment move and next job
 * together): a step's cost is mostly round trips inside its transaction, and fewer of them keep row locks shorter.
 */
async function apply(tx: Tx, deps: RunStepDeps, e: LockedRow, input: StepInput, outcome: StepOutcome<Content>) {
  const { step, now } = input;
  const { result } = outcome;
  if (outcome.decision) {
    const d = outcome.decision;
    await tx.decision.create({
      data: {
        workspaceId: e.workspaceId,
        enrollmentId: e.id,
        journeyId: e.journeyId,
        versionId: e.versionId,
        stepId: d.stepId,
        seq: e.seq,
        customerId: e.customerId,
        policy: d.policy,
        candidates: d.candidates,
        removed: d.removed,
        scores: d.scores,
        chosenEdgeId: d.chosenEdgeId,
        explore: d.explore,
        confidence: d.confidence,
        rationale: d.rationale,
      },
    });
  }
  let described = result.outcome;
  if (outcome.send) described = await storeSend(tx, deps, e, outcome.send);

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
    return described;
  }
  if (result.type === "finish") {
    await tx.$executeRaw`
      with logged as (${logRow(e, step.id, step.kind, described, deps.workerId, null, null)})
      update "Enrollment" set "state" = ${result.state}, "exitReason" = ${result.reason}, "finishedAt" = ${now},
        "seq" = ${e.seq + 1}, "waitUntil" = null, "waitingFor" = null, "updatedAt" = ${now}
      where "id" = ${e.id}`;
    return described;
  }
  const successor = step.successors.find((s) => s.edgeId === result.edgeId);
  if (!successor) throw new Error(`Step ${step.id} of plan ${input.plan.hash} has no edge ${result.edgeId}`);
  const payload = JSON.stringify({ enrollmentId: e.id, seq: e.seq + 1 });
  await tx.$executeRaw`
    with logged as (${logRow(e, step.id, step.kind, described, deps.workerId, successor.edgeId, successor.target)}),
    moved as (
      update "Enrollment" set "state" = 'ACTIVE', "currentStepId" = ${successor.target}, "seq" = ${e.seq + 1},
        "waitUntil" = null, "waitingFor" = null, "resumedBy" = null, "updatedAt" = ${now}
      where "id" = ${e.id}
    )
    select graphile_worker.add_job(identifier => ${TASKS.runStep}, payload => ${payload}::json,
      job_key => ${stepJobKey(e.id)})`;
  return described;
}

/**
 * Runs one step of one enrollment in one transaction: lock the enrollment, check the job is the current transition
 * (`seq`), evaluate the step (packages/engine), record its effects and queue the next job. A duplicate or late job
 * finds another seq and does nothing; a crash rolls everything back and graphile-worker retries the job.
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
      if (row.seq !== payload.seq) return "stale job";
      if (!OPEN_ENROLLMENT_STATES.includes(row.state as never)) return `enrollment ${row.state}`;
      // The version the customer entered with, even if a newer one was published since.
      const loaded = await loadPlan(tx, row.versionId);
      const step = row.currentStepId ? loaded.steps.get(row.currentStepId) : undefined;
      if (!step) throw new Error(`Enrollment ${row.id} is at unknown step ${row.currentStepId}`);
      const customer = customerOf(row);
      const input: StepInput = {
        plan: loaded.plan,
        step,
        enrollment: row,
        customer,
        guardrails: loaded.plan.guardrails,
        now: new Date(),
      };
      const outcome = await evaluateStep(input, ports(tx, deps, row, customer));
      return apply(tx, deps, row, input, outcome);
    },
    { timeout: 30_000 },
  );
}
