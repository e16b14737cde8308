/**
 * Bayesian probit regression per option: P(convert) = Φ(η), η = the sum of the active weights of a context. Each
 * option has a Gaussian weight for a bias, for each unit of a feature ("plan=pro", "tenureMonths>=16": context.ts)
 * and for each pair of units of two different features ("plan=pro&tenureMonths>=16"). The bias is the option's global
 * rate and the unit weights refine it, so a context never seen before starts from what customers sharing any of its
 * traits taught (the cold-start prior); pair weights learn interactions, which is what a shallow if/then tree
 * expresses, but for every pair at once.
 *
 * Weights are fitted in batches (fit.ts: Laplace approximation over all outcomes so far); between two fits each
 * context's own posterior is refined outcome by outcome with the one-variable assumed-density-filtering update below.
 */
export type Gaussian = [mean: number, variance: number];

export interface ProbitPriors {
  /** Prior mean of an option's bias, in probit units: -1 is a base rate of about 16%. */
  biasMean: number;
  biasVariance: number;
  /** Of each unit's weight. */
  unitVariance: number;
  /** Kept small: there are many pairs, and most of them do not matter. */
  pairVariance: number;
}

export const DEFAULT_PROBIT_PRIORS: ProbitPriors = {
  biasMean: -1,
  biasVariance: 0.3,
  unitVariance: 0.1,
  pairVariance: 0.01,
};

/**
 * The default priors suit contexts of up to this many traits (they were tuned on five). Beyond it, unit and pair
 * variances shrink (`priorsFor`) so that a context's prior score spread stays what it is at five traits: otherwise
 * every extra trait, relevant or not, would widen every score's posterior and Thompson sampling's draws with it.
 */
export const REFERENCE_TRAITS = 5;

/** The priors for contexts of `traits` traits: units in proportion to the traits, pairs to the pairs of traits. */
export function priorsFor(priors: ProbitPriors, traits: number): ProbitPriors {
  if (traits <= REFERENCE_TRAITS) return priors;
  const pairs = (count: number) => (count * (count - 1)) / 2;
  return {
    ...priors,
    unitVariance: (priors.unitVariance * REFERENCE_TRAITS) / traits,
    pairVariance: (priors.pairVariance * pairs(REFERENCE_TRAITS)) / pairs(traits),
  };
}

export const BIAS = "*";

/**
 * The active features of a context given as unit ids grouped by feature: the bias "*", each unit "i", and each pair
 * "i.j" of units of different features (units of one feature are nested thresholds, so their pairs would add nothing
 * a single unit does not). Ids, not unit names, keep the stored state small (state.ts holds the dictionary).
 */
export function activeFeatures(groups: readonly (readonly number[])[]): string[] {
  const features = [BIAS];
  for (const group of groups) for (const id of group) features.push(String(id));
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      for (const i of groups[a] as readonly number[])
        for (const j of groups[b] as readonly number[]) features.push(`${i}.${j}`);
    }
  }
  return features;
}

export function priorOf(feature: string, priors: ProbitPriors): Gaussian {
  if (feature === BIAS) return [priors.biasMean, priors.biasVariance];
  return [0, feature.includes(".") ? priors.pairVariance : priors.unitVariance];
}

/** Expected conversion probability of a score N(mean, variance): the uncertainty integrated out. */
export function predictedRate([mean, variance]: Gaussian): number {
  return normalCdf(mean / Math.sqrt(1 + variance));
}

/**
 * One outcome (reward in [0, 1]; fractional rewards interpolate the two updates) for one score N(mean, variance):
 * exact moment matching of Φ(η)-likelihood times Gaussian (Graepel et al., ICML 2010, with a single weight).
 */
export function updateScore([mean, variance]: Gaussian, reward: number): Gaussian {
  const sigma = Math.sqrt(1 + variance);
  const step = (y: 1 | -1) => {
    const t = (y * mean) / sigma;
    const v = normalPdf(t) / Math.max(normalCdf(t), 1e-300);
    return { v: y * v, w: v * (v + t) };
  };
  const up = step(1);
  const down = step(-1);
  const v = reward * up.v + (1 - reward) * down.v;
  const w = reward * up.w + (1 - reward) * down.w;
  return [mean + (variance / sigma) * v, variance * Math.max(1 - (variance / (1 + variance)) * w, 1e-6)];
}

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Zelen & Severo 26.2.17: the tail is pdf times a polynomial, so it stays relatively exact). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = normalPdf(x) * poly;
  return x >= 0 ? 1 - upper : upper;
}
