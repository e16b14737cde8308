import type { CustomerFacts } from "@northstar/core";
import type { ObjectiveBinding, PlanDecision } from "@northstar/journey";

/** One option an agent may choose: an outgoing edge that survived eligibility rules and guardrails. */
export interface DecisionCandidate {
  edgeId: string;
  label: string;
  description: string;
  target: string;
}

export interface DecisionHistoryItem {
  stepId: string;
  chosenEdgeId: string;
  at: Date;
}

export interface DecisionInput {
  workspaceId: string;
  journeyId: string;
  stepId: string;
  objective: ObjectiveBinding;
  decision: PlanDecision;
  customer: CustomerFacts & { id: string };
  /** Never empty: with no eligible option the runtime takes the fallback without asking the policy. */
  candidates: DecisionCandidate[];
  /** Earlier decisions of this enrollment, oldest first. */
  history: DecisionHistoryItem[];
}

export interface DecisionOutput {
  optionEdgeId: string;
  /** Score per candidate edge id, in [0, 1]. */
  scores: Record<string, number>;
  /** True when the choice was made to learn rather than because it scored best. */
  explore: boolean;
  confidence: number;
  rationale: string;
}

/**
 * What an "agent decides" node asks. Implementations must return one of the candidates; the runtime logs every
 * answer (candidates, removed options, scores, explore, confidence, rationale) in the Decision table.
 */
export interface DecisionPolicy {
  readonly name: string;
  choose(input: DecisionInput): Promise<DecisionOutput>;
}
