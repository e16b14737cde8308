import type { AgentDecision, AgentPolicy, LearnsFrom } from "../schema/agent";
import type { EdgeCondition, EdgeOption } from "../schema/edge";
import type { Guardrails } from "../schema/guardrails";
import type { NodeConfigOf, NodeKind } from "../schema/node";
import type { ObjectiveBinding } from "./context";

export const PLAN_VERSION = 1 as const;

export interface PlanSuccessor {
  edgeId: string;
  target: string;
  /** The edge's sourceHandle: "timeout" on until-event waits, "rejected" on reviews. */
  handle?: string;
}

export interface PlanDecisionOption {
  edgeId: string;
  label: string;
  description: string;
  eligibility: EdgeOption["eligibility"];
  target: string;
}

export interface PlanDecision {
  decides: AgentDecision;
  policy: AgentPolicy;
  exploration: number;
  minConfidence: number;
  /** Edge id of the fallback option, or null: below minConfidence with no fallback, the decision goes to review. */
  fallback: string | null;
  options: PlanDecisionOption[];
  /** The traits the node learns from and their cuts; absent: every trait, cut automatically. */
  learnsFrom?: LearnsFrom;
}

export interface PlanBranch {
  edgeId: string;
  condition: EdgeCondition;
  target: string;
}

export type PlanWait =
  | { type: "duration"; minutes: number }
  | { type: "until_event"; event: string; timeoutMinutes: number; onEvent: string[]; onTimeout: string[] }
  | { type: "agent_send_time"; windowHours: number };

interface StepExtras {
  agent: { decision: PlanDecision };
  wait: { wait: PlanWait };
  rule_split: { branches: PlanBranch[] };
  review: {
    review: {
      approverRole: string;
      slaHours: number;
      escalateTo: string | null;
      onApproved: string[];
      onRejected: string[];
    };
  };
}

type StepOf<K extends NodeKind> = {
  id: string;
  kind: K;
  /** Display only; excluded from the plan hash. */
  name?: string;
  config: NodeConfigOf<K>;
  /** Outgoing edges sorted by edge id. */
  successors: PlanSuccessor[];
  /** True for sends: the runtime sends them at most once per enrollment (idempotency key enrollment + step). */
  irreversible: boolean;
} & (K extends keyof StepExtras ? StepExtras[K] : unknown);

export type PlanStep = { [K in NodeKind]: StepOf<K> }[NodeKind];
export type PlanStepOf<K extends NodeKind> = StepOf<K>;

/**
 * What the runtime must check or do at a step before it acts. Part of the plan so that a guardrail dry run and the
 * runtime read the same list.
 */
export const RUNTIME_CHECKS = [
  "consent",
  "frequency_cap",
  "quiet_hours",
  "holdout",
  "idempotency_key",
  "unsubscribe_link",
  "content_guardrails",
  "llm_budget",
  "eligibility",
  "min_confidence_review",
  "approval_sla",
] as const;
export type RuntimeCheck = (typeof RUNTIME_CHECKS)[number];

export interface RequiredStep {
  stepId: string;
  checks: RuntimeCheck[];
}

/** The immutable document the runtime executes. Equal inputs give equal plans and hashes. */
export interface ExecutionPlan {
  planVersion: typeof PLAN_VERSION;
  formatVersion: 1;
  /** SHA-256 hex over the canonical JSON of the plan's semantic content (names excluded). */
  hash: string;
  objective: ObjectiveBinding;
  entryStepIds: string[];
  /** Sorted by step id. */
  steps: PlanStep[];
  requiredSteps: RequiredStep[];
  guardrails: Guardrails;
}
