import type { DecisionCandidate as PolicyCandidate, DecisionResult } from "@northstar/agent";
import type { CustomerFacts, ObjectiveBinding, PlanDecision } from "@northstar/journey";

/**
 * One option an agent may choose: an outgoing edge that survived eligibility rules and guardrails (the agent's
 * candidate, its rules already applied) and the step it leads to.
 */
export interface DecisionCandidate extends Omit<PolicyCandidate, "eligibility"> {
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

/**
 * What an "agent decides" node asks, at the step's level (ids, plan, dates; agent-adapter.ts turns it into what the
 * agent package's policies read). The answer is the agent package's one decision contract, `DecisionResult`; it must
 * choose one of the candidates. The engine applies the node's confidence gate itself (journey's `decisionPhase`) and
 * logs every answer (candidates, removed options, scores, explore, confidence, rationale) with the enrollment.
 */
export interface DecisionPolicy {
  readonly name: string;
  choose(input: DecisionInput): Promise<DecisionResult>;
}

/** The baseline: every eligible option equally likely. Always "exploring". */
export function uniformRandomPolicy(random: () => number = Math.random): DecisionPolicy {
  return {
    name: "uniform_random",
    async choose({ candidates }: DecisionInput): Promise<DecisionResult> {
      const share = 1 / candidates.length;
      const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
      const chosen = candidates[index];
      if (!chosen) throw new Error("uniform_random: no candidate to choose from");
      const everyOption = (value: number) => Object.fromEntries(candidates.map((c) => [c.edgeId, value]));
      return {
        chosenEdgeId: chosen.edgeId,
        scores: everyOption(share),
        explore: true,
        confidence: share,
        // Never leaves its learning phase: every choice is an experiment.
        evidence: 0,
        phase: "learning",
        propensities: everyOption(share),
        policy: "uniform_random",
        needsReview: false,
        removed: [],
        usedFallback: false,
        rationale: `Uniform random choice among ${candidates.length} eligible option${candidates.length === 1 ? "" : "s"}: "${chosen.label}".`,
      };
    },
  };
}
