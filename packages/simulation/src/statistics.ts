import { seededRandom } from "@northstar/agent";

export interface Distribution {
  mean: number;
  p50: number;
  p95: number;
  max: number;
  /** Customers per count; the last key gathers `cap` and more ("5+"). */
  histogram: Record<string, number>;
}

const HISTOGRAM_CAP = 5;

/** Mean, quantiles and histogram of small non-negative integer counts (messages per customer). */
export function distributionOf(counts: ArrayLike<number>): Distribution {
  const n = counts.length;
  if (n === 0) return { mean: 0, p50: 0, p95: 0, max: 0, histogram: {} };
  const frequency = new Map<number, number>();
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const value = counts[i] as number;
    sum += value;
    if (value > max) max = value;
    frequency.set(value, (frequency.get(value) ?? 0) + 1);
  }
  const quantile = (q: number) => {
    const rank = Math.ceil(q * n);
    let seen = 0;
    for (let value = 0; value <= max; value++) {
      seen += frequency.get(value) ?? 0;
      if (seen >= rank) return value;
    }
    return max;
  };
  const histogram: Record<string, number> = {};
  for (const [value, count] of [...frequency].sort((a, b) => a[0] - b[0])) {
    const key = value >= HISTOGRAM_CAP ? `${HISTOGRAM_CAP}+` : String(value);
    histogram[key] = (histogram[key] ?? 0) + count;
  }
  return { mean: sum / n, p50: quantile(0.5), p95: quantile(0.95), max, histogram };
}

export interface RateEstimate {
  customers: number;
  conversions: number;
  perThousand: number;
  /** 95% percentile-bootstrap interval of conversions per 1,000. */
  interval: { low: number; high: number };
}

/**
 * Conversions per 1,000 customers with a 95% interval: the percentile bootstrap over customers (resample the
 * customers with replacement `samples` times, take the 2.5th and 97.5th percentiles of the resampled rates). It
 * covers the sampling noise of the population and of the simulated behaviour, not an error in the behaviour model.
 */
export function conversionRate(converted: Uint8Array, samples: number, seed: number): RateEstimate {
  const n = converted.length;
  let conversions = 0;
  for (let i = 0; i < n; i++) conversions += converted[i] as number;
  if (n === 0) return { customers: 0, conversions: 0, perThousand: 0, interval: { low: 0, high: 0 } };
  const random = seededRandom(seed ^ 0xb007);
  const rates = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    let hits = 0;
    for (let i = 0; i < n; i++) hits += converted[Math.floor(random() * n)] as number;
    rates[s] = (hits / n) * 1000;
  }
  rates.sort();
  const at = (q: number) => rates[Math.min(samples - 1, Math.max(0, Math.round(q * (samples - 1))))] as number;
  return {
    customers: n,
    conversions,
    perThousand: (conversions / n) * 1000,
    interval: { low: at(0.025), high: at(0.975) },
  };
}
