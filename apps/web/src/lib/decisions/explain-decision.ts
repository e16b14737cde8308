import type { DecisionPhase } from "@northstar/journey";

/** A decision as `decisions.forCustomer` returns it (the server has parsed its JSON columns). */
export interface CustomerDecision {
  id: string;
  step: { id: string; name: string };
  /** The policy the node asked for, the one that answered, and why they differ when they do. */
  requestedPolicy: string;
  policy: string;
  fallbackReason: string | null;
  phase: DecisionPhase;
  candidates: { edgeId: string; label: string; score: number | null }[];
  removed: { edgeId: string; label?: string; reason: string }[];
  chosen: { edgeId: string; label: string };
  /** What the agent proposed when a reviewer chose another option; null when its choice stood. */
  proposed: { edgeId: string; label: string } | null;
  explore: boolean;
  confidence: number;
  rationale: string;
  needsReview: boolean;
  reward: number | null;
}

export interface ExplainedOption {
  edgeId: string;
  label: string;
  /** The policy's score in [0, 1]; null for removed options and when the policy gave none. */
  score: number | null;
  chosen: boolean;
  /** Why a rule or guardrail removed the option before the policy saw it. */
  removedBy: string | null;
}

export interface DecisionExplanation {
  id: string;
  stepName: string;
  chosenLabel: string;
  options: ExplainedOption[];
  /** The policy that answered, e.g. "learning" or "llm". */
  policy: string;
  requestedPolicy: string;
  phase: DecisionPhase;
  /** Why the configured policy did not answer or its choice was not taken, when that happened. */
  fallbackReason: string | null;
  explore: boolean;
  confidence: number;
  rationale: string;
  /** The confidence was below the node's minimum and a human was asked. */
  needsReview: boolean;
  reward: number | null;
}

/** The agent's proposal and the reviewer's choice, when a reviewer approved another option than the proposed one. */
export function overruledText(d: Pick<CustomerDecision, "chosen" | "proposed">): string | null {
  if (!d.proposed || d.proposed.edgeId === d.chosen.edgeId) return null;
  return `Agent proposed “${d.proposed.label}”; reviewer chose “${d.chosen.label}”`;
}

/**
 * Options in the order the policy saw them, then the removed ones, by the label logged with them (older decisions
 * logged only the edge id: then `optionLabels`, then the id).
 */
export function explainDecision(d: CustomerDecision, optionLabels: Record<string, string> = {}): DecisionExplanation {
  const options: ExplainedOption[] = [
    ...d.candidates.map((c) => ({
      edgeId: c.edgeId,
      label: c.label,
      score: c.score,
      chosen: c.edgeId === d.chosen.edgeId,
      removedBy: null,
    })),
    ...d.removed
      .filter((r) => !d.candidates.some((c) => c.edgeId === r.edgeId))
      .map((r) => ({
        edgeId: r.edgeId,
        label: r.label ?? optionLabels[r.edgeId] ?? r.edgeId,
        score: null,
        chosen: r.edgeId === d.chosen.edgeId,
        removedBy: r.reason,
      })),
  ];
  return {
    id: d.id,
    stepName: d.step.name,
    chosenLabel: d.chosen.label,
    options,
    policy: d.policy === "fallback" ? "fallback option" : d.policy,
    requestedPolicy: d.requestedPolicy,
    fallbackReason: d.fallbackReason,
    phase: d.phase,
    explore: d.explore,
    confidence: d.confidence,
    rationale: d.rationale,
    needsReview: d.needsReview,
    reward: d.reward,
  };
}
