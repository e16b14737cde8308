import type { CustomerFacts, LoadedPlan } from "@northstar/core";
import type { Prisma } from "@northstar/db";
import type { PlanStep } from "@northstar/journey";

export type Tx = Prisma.TransactionClient;

export interface EnrollmentRow {
  id: string;
  workspaceId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  state: string;
  holdout: boolean;
  currentStepId: string | null;
  seq: number;
  waitingFor: string | null;
  waitUntil: Date | null;
  resumedBy: string | null;
}

export type CustomerView = CustomerFacts & { id: string; unsubscribedAt: Date | null };

/** What a step handler decides; the executor applies it (counters, log, next job) in the same transaction. */
export type StepResult =
  | { type: "advance"; edgeId: string; outcome: string }
  | { type: "park"; until: Date | null; waitingFor: string | null; state: "WAITING" | "REVIEW"; outcome: string }
  | { type: "finish"; state: "COMPLETED" | "EXITED"; reason: string; outcome: string };

export interface StepContext {
  tx: Tx;
  enrollment: EnrollmentRow;
  plan: LoadedPlan;
  step: PlanStep;
  now: Date;
  customer(): Promise<CustomerView>;
}
