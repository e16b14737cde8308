import { type Interval, normalInterval, widest, wilsonAround, Z95 } from "./intervals";
import type { Estimate, LoggedDecision, TargetPolicy } from "./types";

/** Default clip: a weight never exceeds 1,000, while an exploration floor of 1% over five options (0.0025) is untouched. */
export const DEFAULT_MIN_PROPENSITY = 0.001;

/** No information: the whole reward range. */
export const NO_ESTIMATE: Estimate = { value: null, standardError: null, low: 0, high: 1 };

/**
 * The target's distribution over one decision's candidates, normalised: mass outside the candidates is spread back in
 * proportion, or uniformly when the target gives none of them anything (see TargetPolicy.probabilities).
 */
export function targetDistribution(target: TargetPolicy, decision: LoggedDecision): Map<string, number> {
  const given = target.probabilities(decision);
  const mass = decision.candidates.map((edgeId) => {
    const p = given[edgeId] ?? 0;
    return Number.isFinite(p) && p > 0 ? p : 0;
  });
  const total = mass.reduce((a, b) => a + b, 0);
  const k = decision.candidates.length;
  return new Map(decision.candidates.map((edgeId, i) => [edgeId, total > 0 ? (mass[i] as number) / total : 1 / k]));
}

/** Decisions with a positive propensity, each raised to at least `minPropensity`, and how many were raised. */
export function usableDecisions(
  logged: readonly LoggedDecision[],
  minPropensity: number,
): { used: LoggedDecision[]; clipped: number } {
  const used: LoggedDecision[] = [];
  let clipped = 0;
  for (const d of logged) {
    if (d.propensity === null || !(d.propensity > 0)) continue;
    if (d.propensity < minPropensity) clipped++;
    used.push(d.propensity < minPropensity ? { ...d, propensity: minPropensity } : d);
  }
  return { used, clipped };
}

/** π(chosen) / propensity for a usable decision (positive propensity). */
export function importanceWeight(target: TargetPolicy, decision: LoggedDecision): number {
  return (targetDistribution(target, decision).get(decision.chosen) ?? 0) / (decision.propensity as number);
}

/**
 * Self-normalised IPS: V = Σ wᵢrᵢ / Σ wᵢ with wᵢ = π(chosenᵢ)/propensityᵢ. Normalising by Σw instead of n trades a
 * small bias for much less variance when a few weights are large, and keeps V in the reward range. Standard error:
 * the delta-method (sandwich) one of a ratio, √(Σ wᵢ²(rᵢ − V)²) / Σ wᵢ, with the n/(n−1) small-sample factor.
 *
 * Interval: the wider of two, each inverting the normal approximation with the variance taken at the candidate value
 * m rather than at V (as Wilson's interval does for a rate):
 * - the score (Fieller) interval of the ratio: (Σ wᵢ(rᵢ − m))² ≤ z²·Σ wᵢ²(rᵢ − m)²;
 * - the Wilson interval at the effective sample size (Σw)²/Σw², whose variance m(1 − m) is the largest a [0, 1]
 *   reward with mean m can have. It takes over when a few heavily weighted rewards, often all 0, make the sample
 *   variance look small: the case of a target the logging policy has almost stopped trying.
 */
export function snips(rewards: readonly number[], weights: readonly number[]): Estimate {
  const n = rewards.length;
  let s0 = 0;
  let s1 = 0;
  let w2 = 0;
  let w2r = 0;
  let w2r2 = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    const r = rewards[i] as number;
    s0 += w;
    s1 += w * r;
    w2 += w * w;
    w2r += w * w * r;
    w2r2 += w * w * r * r;
  }
  if (s0 <= 0) return NO_ESTIMATE;
  const value = s1 / s0;
  if (n < 2) return { value, standardError: null, low: 0, high: 1 };
  const correction = n / (n - 1);
  // Σ wᵢ²(rᵢ − V)², expanded; rounding can leave it a hair below 0.
  const squares = Math.max(0, w2r2 - 2 * value * w2r + value * value * w2);
  const standardError = Math.sqrt(squares * correction) / s0;
  return {
    value,
    standardError,
    ...widest(fiellerInterval(s0, s1, w2, w2r, w2r2, Z95 * Z95 * correction), wilsonAround(value, (s0 * s0) / w2)),
  };
}

/** { m : (s1 − m·s0)² ≤ k·(w2r2 − 2m·w2r + m²·w2) }, within [0, 1]; all of it when the weights are too uneven. */
function fiellerInterval(s0: number, s1: number, w2: number, w2r: number, w2r2: number, k: number): Interval {
  const a = s0 * s0 - k * w2;
  if (a <= 0) return { low: 0, high: 1 };
  const b = s0 * s1 - k * w2r;
  const c = s1 * s1 - k * w2r2;
  const root = Math.sqrt(Math.max(0, b * b - a * c));
  return { low: Math.max(0, (b - root) / a), high: Math.min(1, (b + root) / a) };
}

/**
 * Mean of per-decision terms (DR scores, or rewards for the on-policy average) with the normal interval of a sample
 * mean, widened to the Wilson interval at `effectiveSize` when that is wider (see snips for why).
 */
export function meanEstimate(terms: readonly number[], effectiveSize: number = terms.length): Estimate {
  const n = terms.length;
  if (n === 0) return NO_ESTIMATE;
  const value = terms.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { value, standardError: null, low: 0, high: 1 };
  const variance = terms.reduce((sum, t) => sum + (t - value) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  const floor = wilsonAround(Math.min(1, Math.max(0, value)), effectiveSize);
  return { value, standardError, ...widest(normalInterval(value, standardError), floor) };
}

/** Kish's effective sample size (Σw)² / Σw². */
export function effectiveSampleSize(weights: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const w of weights) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}
