import type { Context } from "./context";

/**
 * Online Bayesian probit regression per option (the assumed-density-filtering update of Graepel et al., "Web-scale
 * Bayesian click-through rate prediction", ICML 2010). Each option has a Gaussian weight per active feature: a bias,
 * one per feature bucket ("plan=pro") and one per pair of buckets ("plan=pro&device=mobile"). The bias is the
 * option's global rate and the bucket weights refine it, so a context never seen before starts from what customers
 * sharing any of its traits taught (the cold-start prior); pair weights learn interactions, which is exactly what
 * a shallow if/then tree expresses, but for every pair at once.
 */
export type Weight = [mean: number, variance: number];
export type OptionWeights = Record<string, Weight>;

export interface ProbitPriors {
  /** Prior mean of an option's bias, in probit units: -1 is a base rate of about 16%. */
  biasMean: number;
  biasVariance: number;
  bucketVariance: number;
  pairVariance: number;
  /** Prior variance of the weight of the full context (all buckets together); 0 leaves it out. */
  contextVariance: number;
  /** Noise of the latent score; larger makes each update smaller. */
  beta: number;
}

export const DEFAULT_PROBIT_PRIORS: ProbitPriors = {
  biasMean: -1,
  biasVariance: 0.5,
  bucketVariance: 0.15,
  pairVariance: 0.1,
  contextVariance: 0.1,
  beta: 1,
};

export const BIAS = "*";

/** The active features of a context: the bias, each bucket, each pair of buckets. */
export function activeFeatures(context: Context, priors: ProbitPriors): string[] {
  const features = [BIAS, ...context.buckets];
  for (let i = 0; i < context.buckets.length; i++) {
    for (let j = i + 1; j < context.buckets.length; j++) features.push(`${context.buckets[i]}&${context.buckets[j]}`);
  }
  if (priors.contextVariance > 0 && context.buckets.length > 2) features.push(`${FULL}${context.key}`);
  return features;
}

const FULL = "=>";

function priorOf(feature: string, priors: ProbitPriors): Weight {
  if (feature === BIAS) return [priors.biasMean, priors.biasVariance];
  if (feature.startsWith(FULL)) return [0, priors.contextVariance];
  return [0, feature.includes("&") ? priors.pairVariance : priors.bucketVariance];
}

/** The latent score's Gaussian for one option: mean and variance (weights are independent a posteriori). */
export function scoreOf(weights: OptionWeights | undefined, features: readonly string[], priors: ProbitPriors) {
  let mean = 0;
  let variance = 0;
  for (const feature of features) {
    const [m, v] = weights?.[feature] ?? priorOf(feature, priors);
    mean += m;
    variance += v;
  }
  return { mean, variance };
}

/** Expected conversion probability: the score's uncertainty integrated out. */
export function predictedRate(score: { mean: number; variance: number }, priors: ProbitPriors): number {
  return normalCdf(score.mean / Math.sqrt(priors.beta ** 2 + score.variance));
}

/**
 * One observation (reward in [0, 1]; fractional rewards interpolate the two updates). Returns new weights; the
 * input is not mutated, so a loaded state can be shared read-only.
 */
export function updateWeights(
  weights: OptionWeights | undefined,
  features: readonly string[],
  reward: number,
  priors: ProbitPriors,
): OptionWeights {
  const next: OptionWeights = { ...weights };
  const current = features.map((f) => next[f] ?? priorOf(f, priors));
  const total = current.reduce((acc, [m, v]) => ({ mean: acc.mean + m, variance: acc.variance + v }), {
    mean: 0,
    variance: 0,
  });
  const sigma = Math.sqrt(priors.beta ** 2 + total.variance);
  const step = (y: 1 | -1) => {
    const t = (y * total.mean) / sigma;
    const v = normalPdf(t) / Math.max(normalCdf(t), 1e-12);
    return { v: y * v, w: v * (v + t) };
  };
  const up = step(1);
  const down = step(-1);
  const v = reward * up.v + (1 - reward) * down.v;
  const w = reward * up.w + (1 - reward) * down.w;
  features.forEach((feature, i) => {
    const [m, variance] = current[i] as Weight;
    const newVariance = variance * Math.max(1 - (variance / sigma ** 2) * w, 1e-6);
    next[feature] = [m + (variance / sigma) * v, newVariance];
  });
  return next;
}

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Zelen & Severo 26.2.17, absolute error < 7.5e-8). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = normalPdf(x) * poly;
  return x >= 0 ? 1 - upper : upper;
}
