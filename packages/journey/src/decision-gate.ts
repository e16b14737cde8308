/**
 * What an "agent decides" node's minimum confidence means, in one place: the engine applies it (runtime and simulator
 * alike), the compiler warns about settings that cannot learn, and the inspector, the guardrail settings and the
 * decision explanation describe it with the words below.
 *
 * 1. Learning phase: until every eligible option has LEARNING_PHASE_OUTCOMES outcomes, the policy's choice stands. At
 *    cold start nothing can be confident (about 1 / options), so a gate here would trap the node in its fallback, or
 *    send every decision to a person, and only the fallback would ever earn rewards.
 * 2. Exploring: a choice the policy makes to learn (its exploration budget, or Thompson sampling trying a plausible
 *    option) stands: it is how the node keeps measuring every option.
 * 3. Exploiting with evidence: the choice stands when the policy is at least `minConfidence` sure that the option is
 *    the best one or within NEAR_BEST_TOLERANCE of it (so two equally good options do not keep each other below the
 *    threshold); otherwise the node takes its fallback option, or, without one, asks a person.
 */

/** Outcomes every eligible option needs before the minimum confidence applies. */
export const LEARNING_PHASE_OUTCOMES = 30;

/** "Near best": an expected reward at least this much (relative) below the best option's still counts. */
export const NEAR_BEST_TOLERANCE = 0.1;

/** Why a decision's choice stood, or what replaced it. */
export const DECISION_PHASES = [
  "learning",
  "exploring",
  "confident",
  "unsure_fallback",
  "unsure_review",
  "no_eligible",
] as const;
export type DecisionPhase = (typeof DECISION_PHASES)[number];

/** Short names of the phases, for badges and tables. */
export const DECISION_PHASE_LABELS: Record<DecisionPhase, string> = {
  learning: "learning phase",
  exploring: "exploring",
  confident: "confident",
  unsure_fallback: "unsure: took the fallback",
  unsure_review: "unsure: asked a person",
  no_eligible: "no option eligible",
};

export interface GateInput {
  /** The policy chose to learn rather than because the option scored best. */
  explore: boolean;
  /** Probability that the chosen option is the best one or within NEAR_BEST_TOLERANCE of it. */
  confidence: number;
  /** Outcomes of the least-measured eligible option. */
  evidence: number;
  minConfidence: number;
  hasFallback: boolean;
}

export function decisionPhase({ explore, confidence, evidence, minConfidence, hasFallback }: GateInput): DecisionPhase {
  if (evidence < LEARNING_PHASE_OUTCOMES) return "learning";
  if (explore) return "exploring";
  if (confidence >= minConfidence) return "confident";
  return hasFallback ? "unsure_fallback" : "unsure_review";
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** One sentence per phase, for the decision explanation. */
export function describePhase(
  phase: DecisionPhase,
  { confidence, evidence, minConfidence }: Pick<GateInput, "confidence" | "evidence" | "minConfidence">,
): string {
  switch (phase) {
    case "learning":
      return `Learning phase: the least-measured option has ${evidence} of ${LEARNING_PHASE_OUTCOMES} outcomes, so the minimum confidence does not apply yet.`;
    case "exploring":
      return "Exploring: a choice made to keep measuring this option, within the node's exploration budget.";
    case "confident":
      return `Confident: ${percent(confidence)} sure this option is the best or close to it (minimum ${percent(minConfidence)}).`;
    case "unsure_fallback":
      return `Unsure: only ${percent(confidence)} sure, below the minimum ${percent(minConfidence)}: took the fallback option.`;
    case "unsure_review":
      return `Unsure: only ${percent(confidence)} sure, below the minimum ${percent(minConfidence)}, and no fallback: a person decides.`;
    case "no_eligible":
      return "No option was eligible for this customer: took the fallback option.";
  }
}

/** The inspector's and the guardrail settings' explanation of the minimum confidence. */
export function minConfidenceHelp(minConfidence: number, fallback: "option" | "review" | "either"): string {
  const below =
    fallback === "option"
      ? "takes the fallback option"
      : fallback === "review"
        ? "asks a person to decide"
        : "takes its fallback option (or, without one, asks a person)";
  return (
    `Until every option has ${LEARNING_PHASE_OUTCOMES} outcomes the node is learning and its choices stand. ` +
    `After that, when the agent is less than ${percent(minConfidence)} sure its choice is the best ` +
    `(or within ${percent(NEAR_BEST_TOLERANCE)} of it), it ${below}; choices made to explore always stand.`
  );
}
