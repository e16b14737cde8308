import type { CustomerFeatures } from "../policy/types";

/**
 * One logged decision as the runtime stores it: the features the policy saw, the eligible options (edge ids), the
 * option taken, the probability the policy had of taking it (`DecisionResult.propensities[chosen]`; null when the
 * choice was not random: a fallback or a model's answer) and the reward in [0, 1] once known.
 */
export interface LoggedDecision {
  features: CustomerFeatures;
  candidates: readonly string[];
  chosen: string;
  propensity: number | null;
  reward: number;
}

/** A policy to evaluate offline: the probability it gives each option for one logged decision's customer. */
export interface TargetPolicy {
  name: string;
  /**
   * Probability per edge id; options left out get 0. Mass on an option outside the decision's candidates (not eligible
   * for that customer) cannot be evaluated and is spread back over the candidates in proportion (uniformly when none
   * has any); a deterministic target gives 1 to one option.
   */
  probabilities(decision: LoggedDecision): Record<string, number>;
  /**
   * True for the logging policy itself: every importance weight is 1 and both estimates are its on-policy average
   * reward (the log holds the propensity of the chosen option only, not the rest of its distribution).
   */
  onPolicy?: boolean;
}

/**
 * A target chosen from the logged data itself, such as "the best single option". Choosing and evaluating on the same
 * decisions would overstate it (the winner is partly the luckiest), so offlineEvaluation cross-fits: it fits the
 * target on all folds but one and evaluates it on the remaining fold, for each fold in turn.
 */
export interface DataDrivenTarget {
  name: string;
  fit(training: readonly LoggedDecision[]): TargetPolicy;
}

export interface RewardModelOptions {
  /**
   * Categorical features (text, boolean) whose joint value is the context of the per-option-per-context mean; default
   * none: one mean per option. Numbers are used as they are, so bin them first.
   */
  contextFeatures?: readonly string[];
  /** Pseudo-decisions each mean is shrunk with toward the level above (option mean, then overall mean). Default 10. */
  shrinkage?: number;
}

export interface OfflineEvaluationOptions {
  /** Propensities below this are raised to it, capping each importance weight at its inverse. Default 0.001. */
  minPropensity?: number;
  rewardModel?: RewardModelOptions;
  /**
   * Folds for cross-fitting data-driven targets. Default 2. 1 fits and scores on the same decisions, which overstates
   * a picked winner: for comparison only.
   */
  folds?: number;
}

/** An estimate of a target's mean reward per decision, with its 95% interval (clamped to the reward range [0, 1]). */
export interface Estimate {
  /** Null when the data hold no decision the target would have made; the interval is then the whole range. */
  value: number | null;
  /** Sandwich standard error at `value`; the interval can be wider (see offlineEvaluation). Null below 2 decisions. */
  standardError: number | null;
  low: number;
  high: number;
}

export interface TargetEvaluation {
  target: string;
  /** Self-normalised inverse propensity scoring. */
  snips: Estimate;
  /** Doubly robust: the reward model's prediction corrected by the importance-weighted residual. */
  dr: Estimate;
  /** (Σw)² / Σw²: how many decisions the weighted sample is worth; far below `decisions` means few logged choices match. */
  effectiveSampleSize: number;
  /** Decisions used: those with a positive propensity. */
  decisions: number;
  /** Decisions the target gives the logged choice a positive probability. */
  matched: number;
  /** For a data-driven target: what was fitted for each fold and on how many decisions it was evaluated. */
  folds?: { target: TargetPolicy; decisions: number }[];
}

export interface OfflineEvaluation {
  targets: TargetEvaluation[];
  /** Decisions used (positive propensity). */
  decisions: number;
  /** Decisions skipped: propensity null or 0 (not random, so nothing can be weighted by it). */
  skipped: number;
  /** Decisions whose propensity was raised to `minPropensity`. */
  clipped: number;
}
