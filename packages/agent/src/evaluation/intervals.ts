/** Two-sided 95% standard normal quantile. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** value ± 1.96·se, clamped to [low, high] (a rate or a mean reward cannot leave its range). */
export function normalInterval(value: number, standardError: number, low = 0, high = 1): Interval {
  return { low: clamp(value - Z95 * standardError, low, high), high: clamp(value + Z95 * standardError, low, high) };
}

/**
 * Wilson score interval of a binomial rate: stays inside [0, 1] and keeps a useful width at 0 or n successes, where
 * the normal approximation collapses to a point. No trials: the whole range.
 */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (trials === 0) return { low: 0, high: 1 };
  const { low, high } = wilsonAround(successes / trials, trials);
  // At 0 or n successes the matching bound is exact; rounding must not move it off 0 or 1.
  return { low: successes === 0 ? 0 : low, high: successes === trials ? 1 : high };
}

/**
 * The Wilson interval of a mean `rate` of a [0, 1] quantity over `n` observations, n not necessarily whole (an
 * effective sample size). The variance it assumes at each candidate mean m, m(1 − m)/n, is the largest a [0, 1]
 * quantity with mean m can have (Bhatia–Davis), so it is a safe floor when the sample variance cannot be trusted.
 */
export function wilsonAround(rate: number, n: number): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const z2 = Z95 * Z95;
  const centre = (rate + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n));
  return { low: clamp(centre - half, 0, 1), high: clamp(centre + half, 0, 1) };
}

/** The smallest interval holding both (each holds the estimate, so their union is an interval). */
export function widest(a: Interval, b: Interval): Interval {
  return { low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) };
}
