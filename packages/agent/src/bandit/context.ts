import type { CustomerFeatures, FeatureValue } from "../policy/types";

/**
 * Turns raw features into discrete buckets the Beta cells are keyed by. Numbers without explicit cut points fall into
 * powers of two (0, 1, 2-3, 4-7, ...), which keeps the number of cells logarithmic in the range of values; text is
 * kept as is (truncated) since categorical traits are what marketers segment on.
 */
export interface ContextOptions {
  /** Features to learn from; default: all features the customer has, sorted by name. */
  features?: readonly string[];
  /** Cut points per numeric feature: value v falls in the first bucket whose upper bound is > v. */
  bins?: Record<string, readonly number[]>;
}

const MAX_TEXT = 40;

export function bucketOf(name: string, value: FeatureValue | undefined, bins?: readonly number[]): string {
  if (value === undefined || value === null) return "none";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "none";
    if (bins) {
      const index = bins.findIndex((bound) => value < bound);
      return index === -1 ? `>=${bins[bins.length - 1]}` : `<${bins[index]}`;
    }
    if (value < 0) return "neg";
    if (value < 1) return "0";
    const exponent = Math.floor(Math.log2(value));
    return `${2 ** exponent}-${2 ** (exponent + 1) - 1}`;
  }
  return name.length > 0 ? value.slice(0, MAX_TEXT) : "none";
}

export interface Context {
  /** "feature=bucket" per feature, in feature order. */
  buckets: string[];
  /** All buckets joined: the key of the full-context cell. */
  key: string;
}

export function contextOf(features: CustomerFeatures, options: ContextOptions = {}): Context {
  const names = options.features ?? Object.keys(features).sort();
  const buckets = names.map((name) => `${name}=${bucketOf(name, features[name], options.bins?.[name])}`);
  return { buckets, key: buckets.join("|") };
}
