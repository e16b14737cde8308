import type { CustomerFacts, ObjectiveBinding, PlanDecision } from "@northstar/journey";

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
  /** Never empty: with no eligible option the engine takes the fallback without asking the policy. */
  candidates: DecisionCandidate[];
  /** Earlier decisions of this enrollment, oldest first. */
  history: DecisionHistoryItem[];
  now: Date;
}

export interface DecisionOutput {
  optionEdgeId: string;
  /** Score per candidate edge id, in [0, 1]. */
  scores: Record<string, number>;
  /** True when the choice was made to learn rather than because it scored best. */
  explore: boolean;
  /** Probability that the chosen option is the best or within NEAR_BEST_TOLERANCE of it. */
  confidence: number;
  /** Outcomes of the least-measured candidate; below LEARNING_PHASE_OUTCOMES the node is learning. */
  evidence: number;
  /** Probability with which the chosen option was drawn; null when the choice was not random (a model's answer). */
  propensity: number | null;
  rationale: string;
  /** The policy that actually answered; defaults to the policy's name. */
  policy?: string;
  /** Why the node's requested policy did not answer, when it did not. */
  fallbackReason?: string;
}

/**
 * What an "agent decides" node asks. Implementations must return one of the candidates; the runtime logs every
 * answer (candidates, removed options, scores, explore, confidence, rationale) with the enrollment.
 */
export interface DecisionPolicy {
  readonly name: string;
  choose(input: DecisionInput): Promise<DecisionOutput>;
}

/** The baseline: every eligible option equally likely. Always "exploring". */
export function uniformRandomPolicy(random: () => number = Math.random): DecisionPolicy {
  return {
    name: "uniform_random",
    async choose({ candidates }: DecisionInput): Promise<DecisionOutput> {
      const share = 1 / candidates.length;
      const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
      const chosen = candidates[index];
      if (!chosen) throw new Error("uniform_random: no candidate to choose from");
      return {
        optionEdgeId: chosen.edgeId,
        scores: Object.fromEntries(candidates.map((c) => [c.edgeId, share])),
        explore: true,
        confidence: share,
        // Never leaves its learning phase: every choice is an experiment.
        evidence: 0,
        propensity: share,
        rationale: `Uniform random choice among ${candidates.length} eligible option${candidates.length === 1 ? "" : "s"}: "${chosen.label}".`,
      };
    },
  };
}
