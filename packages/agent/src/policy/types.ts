import type { DecisionPhase, Guardrails, LearnsFrom } from "@northstar/journey";

/**
 * The contract every decision policy satisfies. The runtime calls `choose` at an agent node and `update` once per
 * decision when its reward is known (see README "Plugging into the runtime").
 */

export type FeatureValue = string | number | boolean | null;
export type CustomerFeatures = Record<string, FeatureValue>;

/** What the policy knows of the objective it serves; the reward it receives is already oriented (higher = better). */
export interface ObjectiveSummary {
  id: string;
  name: string;
  description?: string;
  metric?: { event: string; aggregation: "count" | "sum"; property?: string; windowDays: number; direction: string };
}

export interface DecisionCandidate {
  edgeId: string;
  label: string;
  description: string;
  /** Hard eligibility rules (packages/journey fieldRuleSchema); an ineligible candidate is never chosen. */
  eligibility?: readonly EligibilityRule[];
}

export interface EligibilityRule {
  field: string;
  operator: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists";
  value?: FeatureValue;
}

export interface DecisionNode {
  /** The key learning is stored under. Pass one that survives republishing, e.g. `${journeyId}/${stepId}`. */
  id: string;
  /** Exploration floor: share of decisions spent on a uniformly chosen non-best option. */
  exploration: number;
  /** Once the node has evidence, an exploiting choice below this confidence is unsure (journey's decision-gate.ts). */
  minConfidence: number;
  /** Taken when no candidate is eligible. */
  fallbackEdgeId?: string | null;
  /** The traits the node learns from and how numbers are cut (the journey's `learnsFrom`); default every trait. */
  context?: LearnsFrom;
}

export interface PastDecision {
  nodeId: string;
  edgeId: string;
  at?: string;
  reward?: number | null;
}

export interface DecisionInput {
  objective: ObjectiveSummary;
  customer: { id: string; features: CustomerFeatures };
  candidates: readonly DecisionCandidate[];
  history?: readonly PastDecision[];
  node: DecisionNode;
  /** The journey's effective guardrails; the LLM policy shows them in its prompt. */
  guardrails?: Guardrails;
}

export interface RemovedCandidate {
  edgeId: string;
  reason: string;
}

export interface DecisionResult {
  chosenEdgeId: string;
  /** Posterior mean reward per candidate edge (eligible ones); the explanation log shows them. */
  scores: Record<string, number>;
  /** True when the choice was not the policy's current best guess. */
  explore: boolean;
  /** Posterior probability that the chosen option is the best one or within NEAR_BEST_TOLERANCE of it, in [0, 1]. */
  confidence: number;
  /**
   * Probability with which the policy chooses each eligible option for this customer (Monte Carlo for Thompson
   * sampling, plus the exploration floor): the propensity logged with the decision for offline evaluation. Empty
   * when the choice was not random (fallback, or a model's answer).
   */
  propensities: Record<string, number>;
  /** Outcomes of the least-measured eligible option: below LEARNING_PHASE_OUTCOMES the node is still learning. */
  evidence: number;
  rationale: string;
  /** The policy that answered: "learning", "llm", "both"; a fallback names itself in `fallbackReason`. */
  policy: string;
  /** Where the decision stands against the node's minimum confidence (journey's decisionPhase). */
  phase: DecisionPhase;
  /** phase "unsure_review": the runtime sends the decision to human review. */
  needsReview: boolean;
  /** Candidates removed by eligibility rules, with the reason. */
  removed: RemovedCandidate[];
  /** True when nothing was eligible and the fallback was taken. */
  usedFallback: boolean;
  /** Set when an LLM policy fell back to the built-in one: why. */
  fallbackReason?: string;
}

/** One reward for one past decision. Call exactly once per decision: on the objective event or when its window closes (reward 0). */
export interface RewardObservation {
  nodeId: string;
  edgeId: string;
  /** The features the decision was made with (the runtime stores them with the decision). */
  features: CustomerFeatures;
  /** The node's `learnsFrom` when it has one: rewards must be encoded as the decisions were. */
  context?: LearnsFrom;
  /** In [0, 1]: 1 = objective met. Sums are normalised by the caller; negative signals lower it toward 0. */
  reward: number;
}

export interface DecisionPolicy {
  readonly name: string;
  choose(input: DecisionInput): Promise<DecisionResult>;
  update(observation: RewardObservation): Promise<void>;
}
