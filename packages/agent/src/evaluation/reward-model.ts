import type { CustomerFeatures } from "../policy/types";
import type { LoggedDecision, RewardModelOptions } from "./types";

export type RewardModel = (features: CustomerFeatures, edgeId: string) => number;

const DEFAULT_SHRINKAGE = 10;

interface Sum {
  n: number;
  s: number;
}

/**
 * The doubly robust estimator's reward model, deliberately simple: the mean logged reward per option, or per option
 * and joint value of a few categorical features, each mean shrunk toward the level above it (context toward option,
 * option toward the overall mean) by `shrinkage` pseudo-decisions, so a context seen twice does not predict 0 or 1.
 * The means are unweighted, so they carry the logging policy's confounding (an option is mostly tried where it was
 * expected to do well); the importance-weighted residual in the DR estimate corrects that, and a better model only
 * narrows the interval.
 */
export function fitRewardModel(decisions: readonly LoggedDecision[], options: RewardModelOptions = {}): RewardModel {
  const m = options.shrinkage ?? DEFAULT_SHRINKAGE;
  const features = options.contextFeatures ?? [];
  const contextOf = (values: CustomerFeatures) => JSON.stringify(features.map((name) => values[name] ?? null));
  const overall: Sum = { n: 0, s: 0 };
  const perOption = new Map<string, Sum>();
  const perContext = new Map<string, Sum>();
  const add = (map: Map<string, Sum>, key: string, reward: number) => {
    const sum = map.get(key) ?? { n: 0, s: 0 };
    sum.n++;
    sum.s += reward;
    map.set(key, sum);
  };
  for (const d of decisions) {
    overall.n++;
    overall.s += d.reward;
    add(perOption, d.chosen, d.reward);
    if (features.length > 0) add(perContext, `${d.chosen}\u0000${contextOf(d.features)}`, d.reward);
  }
  const shrunk = (sum: Sum | undefined, prior: number) => (sum ? (sum.s + m * prior) / (sum.n + m) : prior);
  const mean = overall.n > 0 ? overall.s / overall.n : 0;
  return (values, edgeId) => {
    const option = shrunk(perOption.get(edgeId), mean);
    if (features.length === 0) return option;
    return shrunk(perContext.get(`${edgeId}\u0000${contextOf(values)}`), option);
  };
}
