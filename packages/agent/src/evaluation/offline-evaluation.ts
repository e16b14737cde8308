import {
  DEFAULT_MIN_PROPENSITY,
  effectiveSampleSize,
  importanceWeight,
  meanEstimate,
  snips,
  targetDistribution,
  usableDecisions,
} from "./estimators";
import { fitRewardModel, type RewardModel } from "./reward-model";
import type {
  DataDrivenTarget,
  LoggedDecision,
  OfflineEvaluation,
  OfflineEvaluationOptions,
  TargetEvaluation,
  TargetPolicy,
} from "./types";

/**
 * What each target policy would have earned on the customers of a decision log, from the rewards of the options the
 * logging policy actually took, reweighted by how likely each choice was under the target versus the logging policy.
 *
 * - Decisions with a null or zero propensity are skipped (nothing random to reweight: a fallback, a model's answer).
 * - Propensities below `minPropensity` (default 0.001) are raised to it, capping each weight at 1,000: a near-zero
 *   logged propensity would otherwise let one decision decide the estimate. The clip biases estimates of targets that
 *   favour options the logging policy almost never took; `effectiveSampleSize` and `matched` show when that is so.
 * - SNIPS: self-normalised IPS; DR: doubly robust, Σₐ π(a)·q̂(x, a) + w·(r − q̂(x, chosen)) averaged, with a
 *   per-option (optionally per-context) mean reward model q̂ (reward-model.ts) fitted on all usable decisions.
 * - Intervals (estimators.ts): 95%, from the normal approximation with a sandwich variance, no resampling (the result
 *   is deterministic). SNIPS inverts the score of its ratio (Fieller) and DR uses the sample mean's standard error;
 *   each is widened, when that is wider, to the Wilson interval at the effective sample size, because with few
 *   effective decisions the sample variance of a handful of heavily weighted rewards (often all 0) understates the
 *   spread as Wald's interval does for a rare event. Clamped to [0, 1].
 * - A data-driven target (bestSingleOption) is cross-fitted: decision i (of the usable ones, in log order) falls in
 *   fold i mod `folds`, and is evaluated with the target fitted on the other folds.
 * - The current policy (onPolicy) is its average reward, for both estimators.
 * The intervals assume each decision's propensity was the probability the policy really had. An adaptive policy
 * (learning between decisions) keeps IPS unbiased, but once it settles the options it stopped choosing are logged
 * with the exploration floor only: targets that favour them rest on a few heavily weighted decisions, and their
 * intervals, though they keep their coverage, are wide. `effectiveSampleSize` says how many decisions an estimate is
 * worth.
 */
export function offlineEvaluation(
  logged: readonly LoggedDecision[],
  targets: readonly (TargetPolicy | DataDrivenTarget)[],
  options: OfflineEvaluationOptions = {},
): OfflineEvaluation {
  logged.forEach(validate);
  const minPropensity = options.minPropensity ?? DEFAULT_MIN_PROPENSITY;
  const { used, clipped } = usableDecisions(logged, minPropensity);
  const model = fitRewardModel(used, options.rewardModel);
  const folds = Math.max(1, Math.floor(options.folds ?? 2));
  return {
    targets: targets.map((target) =>
      "fit" in target ? crossFitted(target, used, model, folds) : evaluate(target.name, () => target, used, model),
    ),
    decisions: used.length,
    skipped: logged.length - used.length,
    clipped,
  };
}

function crossFitted(
  target: DataDrivenTarget,
  used: readonly LoggedDecision[],
  model: RewardModel,
  folds: number,
): TargetEvaluation {
  const fitted =
    folds === 1
      ? [target.fit(used)]
      : Array.from({ length: folds }, (_, fold) => target.fit(used.filter((_, i) => i % folds !== fold)));
  const evaluation = evaluate(target.name, (i) => fitted[i % folds] as TargetPolicy, used, model);
  const sizes = fitted.map((_, fold) => used.filter((_, i) => i % folds === fold).length);
  return { ...evaluation, folds: fitted.map((fit, fold) => ({ target: fit, decisions: sizes[fold] as number })) };
}

function evaluate(
  name: string,
  targetOf: (index: number) => TargetPolicy,
  used: readonly LoggedDecision[],
  model: RewardModel,
): TargetEvaluation {
  const rewards = used.map((d) => d.reward);
  if (used.length > 0 && targetOf(0).onPolicy) {
    const average = meanEstimate(rewards);
    const n = used.length;
    return { target: name, snips: average, dr: average, effectiveSampleSize: n, decisions: n, matched: n };
  }
  const weights: number[] = [];
  const terms: number[] = [];
  used.forEach((d, i) => {
    const target = targetOf(i);
    const w = importanceWeight(target, d);
    let direct = 0;
    for (const [edgeId, p] of targetDistribution(target, d)) direct += p * model(d.features, edgeId);
    weights.push(w);
    terms.push(direct + w * (d.reward - model(d.features, d.chosen)));
  });
  const effectiveSize = effectiveSampleSize(weights);
  return {
    target: name,
    snips: snips(rewards, weights),
    dr: meanEstimate(terms, effectiveSize),
    effectiveSampleSize: effectiveSize,
    decisions: used.length,
    matched: weights.filter((w) => w > 0).length,
  };
}

function validate(d: LoggedDecision, index: number): void {
  if (!(d.reward >= 0 && d.reward <= 1)) throw new RangeError(`decision ${index}: reward ${d.reward} is not in [0, 1]`);
  if (d.propensity !== null && !(d.propensity >= 0 && d.propensity <= 1 + 1e-9)) {
    throw new RangeError(`decision ${index}: propensity ${d.propensity} is not in [0, 1]`);
  }
  if (!d.candidates.includes(d.chosen)) {
    throw new RangeError(`decision ${index}: chosen option ${d.chosen} is not among its candidates`);
  }
}
