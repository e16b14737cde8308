import type { GuardrailBlock, PastSend } from "@northstar/agent";
import type {
  AgentPolicy,
  Channel,
  CustomerFacts,
  DecisionPhase,
  ExecutionPlan,
  Guardrails,
  MessageConfig,
  PlanStep,
} from "@northstar/journey";
import type { DecisionHistoryItem, DecisionPolicy } from "./policy";

/** What the engine reads of an enrollment: where the customer is and how they got here. */
export interface EnrollmentState {
  id: string;
  workspaceId: string;
  journeyId: string;
  versionId: string;
  holdout: boolean;
  /** The transition counter: one per step taken; a job for another seq is stale. */
  seq: number;
  waitUntil: Date | null;
  waitingFor: string | null;
  /** Set when something outside the step resumed a parked customer: an event id, or a review resolution. */
  resumedBy: string | null;
}

export type CustomerView = CustomerFacts & { id: string; unsubscribedAt: Date | null };

/** What a human is asked to decide while the customer waits in REVIEW. */
export interface ReviewRequest {
  kind: "decision" | "deliverable" | "step";
  reason: string;
  blocks: GuardrailBlock[];
}

/** Where the customer goes next. */
export type StepResult =
  | { type: "advance"; edgeId: string; outcome: string }
  | { type: "park"; state: "WAITING"; until: Date | null; waitingFor: string | null; outcome: string }
  | { type: "park"; state: "REVIEW"; until: null; waitingFor: "review"; outcome: string; review: ReviewRequest }
  | { type: "finish"; state: "COMPLETED" | "EXITED"; reason: string; outcome: string };

/** An agent decision, as logged with its enrollment. */
export interface DecisionRecord {
  stepId: string;
  /** The policy the node asks for. */
  requestedPolicy: AgentPolicy;
  /** The policy that answered ("learning", "llm"), or "fallback" when no option was eligible. */
  policy: string;
  /** Why the requested policy did not answer (an LLM's timeout, budget, ...), when it did not. */
  fallbackReason: string | null;
  /** Where the choice stands against the node's minimum confidence (journey's decision-gate.ts). */
  phase: DecisionPhase;
  /** Probability with which the policy chose the logged option; null when the choice was not random. */
  propensity: number | null;
  candidates: { edgeId: string; label: string }[];
  /** Options eligibility rules removed, with the rule that failed. */
  removed: { edgeId: string; label: string; reason: string }[];
  scores: Record<string, number>;
  chosenEdgeId: string;
  explore: boolean;
  confidence: number;
  rationale: string;
  /** phase "unsure_review": a human must approve the choice. */
  needsReview: boolean;
}

/** A send the step wants to make, before rendering. */
export interface SendIntent {
  stepId: string;
  channel: Channel;
  to: string;
  config: MessageConfig;
}

export type PreparedMessage<C> = { ok: true; content: C } | { ok: false; blocks: GuardrailBlock[] };

/**
 * What the engine asks of the world. The runtime answers from PostgreSQL and real renderers; the simulator from
 * memory on a virtual clock.
 */
export interface StepPorts<C> {
  policy: DecisionPolicy;
  /** Earlier decisions of this enrollment, oldest first. */
  decisionHistory(): Promise<DecisionHistoryItem[]>;
  /** The customer's sends on `channel` (any journey) at or after `since`: frequency caps count them. */
  recentSends(channel: Channel, since: Date): Promise<PastSend[]>;
  /**
   * Renders the message for this customer and lints it against the guardrails. `approved` is true when a human
   * approved (possibly edited) the deliverable; the port then returns that content.
   */
  prepareMessage(intent: SendIntent, options: { approved: boolean }): Promise<PreparedMessage<C>>;
  /** The zone for customers whose zone is unknown. */
  defaultTimeZone: string;
}

export interface StepInput {
  plan: ExecutionPlan;
  step: PlanStep;
  enrollment: EnrollmentState;
  customer: CustomerView;
  /** The guardrails in force (the plan's, or the live ones when the caller resolves them per send). */
  guardrails: Guardrails;
  now: Date;
}

/** Everything one step did: the move, and the records the caller must store with it (in one transaction). */
export interface StepOutcome<C> {
  result: StepResult;
  decision?: DecisionRecord;
  send?: { intent: SendIntent; content: C };
  /** Guardrails that blocked or postponed a send, each with its reason. */
  blocks: GuardrailBlock[];
}
