import type { CustomerFeatures, FeatureValue } from "../policy/types";
import { type Random, sampleNormal } from "../random";

/**
 * The observable traits of a random scenario (random-scenario.ts) and the conditions its hidden segments are defined
 * by. Kinds mirror what customer profiles hold: categories, booleans, small counts, wide-range amounts (order totals
 * and lifetime values in cents, up to 1,000,000), decimals, and identifying codes (unique per customer).
 */
export type TraitKind = "category" | "boolean" | "count" | "amount" | "decimal" | "identifier";

export interface Trait {
  name: string;
  kind: TraitKind;
  /** Whether any segment's rule reads it. */
  relevant: boolean;
  /** Share of customers without a value (null). */
  missing: number;
  /** A category's values. */
  values?: string[];
  draw(random: Random): FeatureValue;
}

/** One test on one trait; a missing value fails every test. */
export type Condition =
  | { trait: string; op: "in"; values: string[] }
  | { trait: string; op: "is"; value: boolean }
  | { trait: string; op: "gte" | "lt"; value: number };

const NAMES: Record<TraitKind, readonly string[]> = {
  category: ["plan", "region", "device", "channel", "lastCategory", "language", "tier", "paymentMethod", "source"],
  boolean: ["newsletter", "appInstalled", "hasReturned", "isBusiness", "usedCoupon", "pushEnabled"],
  count: ["tenureMonths", "ordersCount", "sessionsLast30d", "ticketsOpened", "age", "itemsViewed"],
  amount: ["orderTotalCents", "lifetimeValueCents", "pointsBalance", "cartValueCents", "followerCount"],
  decimal: ["engagementScore", "avgOrderValue", "discountShare", "daysSinceLastOrder", "returnRate"],
  identifier: ["referralCode", "couponCode", "lastOrderRef"],
};

const uniform = (random: Random, lo: number, hi: number) => lo + (hi - lo) * random();
const integer = (random: Random, lo: number, hi: number) => Math.floor(uniform(random, lo, hi + 1));

/** A trait of `kind` with a name not in `taken`, its distribution drawn from `random`. */
export function randomTrait(random: Random, kind: TraitKind, relevant: boolean, taken: Set<string>): Trait {
  const pool = NAMES[kind].filter((name) => !taken.has(name));
  const name = pool[Math.floor(random() * pool.length)] ?? `${kind}${taken.size}`;
  taken.add(name);
  const missing = kind === "identifier" || random() < 0.7 ? 0 : uniform(random, 0.02, 0.1);
  const trait = { name, kind, relevant, missing };
  switch (kind) {
    case "category": {
      const values = Array.from({ length: integer(random, 2, 6) }, (_, i) => `${name.slice(0, 3)}-${i + 1}`);
      const weights = values.map(() => 0.3 + random());
      const sum = weights.reduce((a, b) => a + b, 0);
      return {
        ...trait,
        values,
        draw: (r) => {
          let u = r() * sum;
          for (let i = 0; i < values.length; i++) if ((u -= weights[i] as number) <= 0) return values[i] as string;
          return values[values.length - 1] as string;
        },
      };
    }
    case "boolean": {
      const p = uniform(random, 0.2, 0.8);
      return { ...trait, draw: (r) => r() < p };
    }
    case "count": {
      // Skewed towards small values, like tenure or order counts.
      const max = integer(random, 12, 120);
      const skew = uniform(random, 1, 2.5);
      return { ...trait, draw: (r) => Math.floor((max + 1) * r() ** skew) };
    }
    case "amount": {
      // Log-normal in cents: a median of $20-$500, a long tail capped at 1,000,000.
      const median = Math.exp(uniform(random, Math.log(2_000), Math.log(50_000)));
      const spread = uniform(random, 0.8, 1.6);
      return {
        ...trait,
        draw: (r) => Math.min(1_000_000, Math.max(1, Math.round(median * Math.exp(spread * sampleNormal(r))))),
      };
    }
    case "decimal": {
      // Either a share in [0, 1] or a positive measure with a long tail, to two decimals.
      const share = random() < 0.5;
      const median = uniform(random, 2, 80);
      return {
        ...trait,
        draw: (r) => Math.round((share ? r() : median * Math.exp(0.7 * sampleNormal(r))) * 100) / 100,
      };
    }
    case "identifier":
      return { ...trait, draw: (r) => Math.floor(r() * 36 ** 8).toString(36) };
  }
}

/** A copy of `items` in random order (Fisher-Yates). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** The trait's value or null, as a customer profile holds it. */
export function drawValue(trait: Trait, random: Random): FeatureValue {
  return trait.missing > 0 && random() < trait.missing ? null : trait.draw(random);
}

/**
 * A test on a trait that a fair share of customers pass: a category subset, a boolean value, or a number at or above
 * (below) a cut between its 20th and 80th percentile (of `sorted`, a sample of its values in ascending order), rounded
 * to two significant digits like a person would.
 */
export function randomCondition(random: Random, trait: Trait, sorted: readonly number[]): Condition {
  if (trait.kind === "category") {
    const values = shuffle(random, trait.values ?? []);
    return { trait: trait.name, op: "in", values: values.slice(0, Math.max(1, Math.floor(random() * values.length))) };
  }
  if (trait.kind === "boolean") return { trait: trait.name, op: "is", value: random() < 0.5 };
  const cut = sorted[Math.floor(uniform(random, 0.2, 0.8) * sorted.length)] ?? 0;
  // A cut at zero would split nobody off: the smallest count above it instead.
  const value = cut > 0 ? Number(cut.toPrecision(2)) : 1;
  return { trait: trait.name, op: random() < 0.5 ? "gte" : "lt", value };
}

export function holds(condition: Condition, features: CustomerFeatures): boolean {
  const value = features[condition.trait];
  if (value === null || value === undefined) return false;
  switch (condition.op) {
    case "in":
      return condition.values.includes(value as string);
    case "is":
      return value === condition.value;
    case "gte":
      return typeof value === "number" && value >= condition.value;
    case "lt":
      return typeof value === "number" && value < condition.value;
  }
}
