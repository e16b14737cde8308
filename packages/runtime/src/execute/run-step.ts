import { loadPlan, OPEN_ENROLLMENT_STATES } from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import { type CustomerView, type DecisionPolicy, evaluateStep, type StepInput } from "@northstar/engine";
import { applyOutcome, type LockedEnrollment } from "./apply-outcome";
import { pgPorts } from "./pg-ports";
import { inStepTx, sql, type WithClient } from "./step-tx";

export interface RunStepDeps {
  /** Reads published plans (once per version and process: they are immutable). */
  db: PrismaClient;
  policy: DecisionPolicy;
  workerId: string;
  publicUrl: string;
  sendMaxAttempts: number;
  defaultTimeZone?: string;
}

type LockedRow = LockedEnrollment & {
  state: string;
  currentStepId: string | null;
  c_email: string | null;
  c_phone: string | null;
  c_timeZone: string | null;
  c_consent: Record<string, unknown> | null;
  c_traits: Record<string, unknown> | null;
  c_unsubscribedAt: Date | null;
};

function customerOf(row: LockedRow): CustomerView {
  return {
    id: row.customerId,
    email: row.c_email,
    phone: row.c_phone,
    timeZone: row.c_timeZone,
    consent: row.c_consent ?? {},
    traits: row.c_traits ?? {},
    unsubscribedAt: row.c_unsubscribedAt,
  };
}

// The customer comes with the locked row (one round trip): most steps need it. Only the enrollment is locked.
// Timestamps are `timestamp without time zone` holding UTC, read as instants.
const lockEnrollment = (id: string) => sql`
  select e."id", e."workspaceId", e."journeyId", e."versionId", e."customerId", e."state", e."holdout",
         e."currentStepId", e."seq", e."waitingFor", e."waitUntil" at time zone 'UTC' as "waitUntil", e."resumedBy",
         c."email" as "c_email", c."phone" as "c_phone", c."timeZone" as "c_timeZone", c."consent" as "c_consent",
         c."traits" as "c_traits", c."unsubscribedAt" at time zone 'UTC' as "c_unsubscribedAt"
  from "Enrollment" e join "Customer" c on c."id" = e."customerId"
  where e."id" = ${id} for update of e`;

/**
 * Runs one step of one enrollment in one transaction: lock the enrollment, check the job is the current transition
 * (`seq`), evaluate the step (packages/engine), record its effects and queue the next job (apply-outcome). A
 * duplicate or late job finds another seq and does nothing; a crash rolls everything back and graphile-worker retries
 * the job. `withClient` lends the connection the transaction runs on (graphile-worker's `helpers.withPgClient`).
 */
export async function runStep(
  deps: RunStepDeps,
  withClient: WithClient,
  payload: { enrollmentId: string; seq: number },
): Promise<string> {
  return withClient((client) =>
    inStepTx(client, async (tx) => {
      const row = await tx.first<LockedRow>(lockEnrollment(payload.enrollmentId));
      if (!row) return "missing enrollment";
      if (row.seq !== payload.seq) return "stale job";
      if (!OPEN_ENROLLMENT_STATES.includes(row.state as never)) return `enrollment ${row.state}`;
      // The version the customer entered with, even if a newer one was published since.
      const loaded = await loadPlan(deps.db, row.versionId);
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
      const ports = pgPorts(tx, {
        policy: deps.policy,
        publicUrl: deps.publicUrl,
        defaultTimeZone: deps.defaultTimeZone ?? "UTC",
        enrollmentId: row.id,
        customer,
      });
      const outcome = await evaluateStep(input, ports);
      return applyOutcome(tx, deps, row, input, outcome);
    }),
  );
}
