import type { CustomerFeatures, FeatureValue } from "../policy/types";

/**
 * Turns raw features into the discrete units the probit weights are keyed by (probit.ts). Text and booleans are one
 * unit per value ("plan=pro", text truncated), since categorical traits are what marketers segment on. A number
 * without explicit cut points activates cumulative power-of-two thresholds instead: 20 activates "tenureMonths>=1",
 * ">=2", ">=4", ">=8" and ">=16", and 40 the same plus ">=32". Neighbouring buckets (16-31, 32-63) then share all but
 * one weight, so what one of them taught carries to the next, and the number of units stays logarithmic in the range
 * of values. Numbers with explicit cut points are one unit per bin.
 */
export interface ContextOptions {
  /** Features to learn from; default: all features the customer has, sorted by name. */
  features?: readonly string[];
  /** Cut points per numeric feature: value v falls in the first bucket whose upper bound is > v. */
  bins?: Record<string, readonly number[]>;
}

const MAX_TEXT = 40;

/**
 * The units one feature value activates, from the broadest to the most specific: "name>=1", "name>=2", ... up to the
 * largest power of two <= the value for a number >= 1 without bins; "name<1" for a number in [0, 1); otherwise the
 * one unit "name=bucket" ("name=neg", "name=none", "name=pro", "name=<10").
 */
export function unitsOf(name: string, value: FeatureValue | undefined, bins?: readonly number[]): string[] {
  if (typeof value === "number" && Number.isFinite(value) && !bins) {
    if (value < 0) return [`${name}=neg`];
    if (value < 1) return [`${name}<1`];
    const units: string[] = [];
    for (let threshold = 1; threshold <= value; threshold *= 2) units.push(`${name}>=${threshold}`);
    return units;
  }
  return [`${name}=${bucketOf(name, value, bins)}`];
}

/** The one bucket of a value that is not a threshold number: its bin, the value itself (text), or "none". */
function bucketOf(name: string, value: FeatureValue | undefined, bins?: readonly number[]): string {
  if (value === undefined || value === null) return "none";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !bins) return "none";
    const index = bins.findIndex((bound) => value < bound);
    return index === -1 ? `>=${bins[bins.length - 1]}` : `<${bins[index]}`;
  }
  return name.length > 0 ? value.slice(0, MAX_TEXT) : "none";
}

/** A customer's units grouped by feature, in feature order (pairs are only formed across groups: probit.ts). */
export function contextOf(features: CustomerFeatures, options: ContextOptions = {}): string[][] {
  const names = options.features ?? Object.keys(features).sort();
  return names.map((name) => unitsOf(name, features[name], options.bins?.[name]));
}
