import type { DecisionCandidate } from "../policy/types";
import { type Random, sampleNormal } from "../random";
import type { Scenario, SimCustomer } from "./types";

/**
 * A synthetic population for a retention offer: four options, four hidden segments. Each customer belongs to one
 * segment; the segment's known response rates decide how likely each option converts. Segments follow from the
 * observable features through main effects AND interactions (which is what a shallow if/then tree cannot express),
 * blurred by per-customer noise (which is what keeps the segment hidden from any policy that only sees features).
 */
export const OPTIONS: readonly DecisionCandidate[] = [
  { edgeId: "discount", label: "10% discount", description: "A 10% discount on the next order, valid 7 days." },
  { edgeId: "free_shipping", label: "Free shipping", description: "Free shipping on the next order." },
  { edgeId: "new_arrivals", label: "New arrivals", description: "A curated selection of this week's new products." },
  { edgeId: "loyalty_points", label: "Double points", description: "Double loyalty points for a month." },
  { edgeId: "bundle", label: "Complete the set", description: "Products that go with the last purchase, as a bundle." },
];

export const SEGMENTS = ["bargain", "loyal", "explorer", "lapsing", "nester", "enthusiast"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Probability of a repeat purchase within the window, per segment and option (same order as OPTIONS). */
export const RATES: Record<Segment, readonly number[]> = {
  bargain: [0.3, 0.18, 0.06, 0.08, 0.12],
  loyal: [0.1, 0.08, 0.14, 0.32, 0.12],
  explorer: [0.08, 0.1, 0.3, 0.06, 0.12],
  lapsing: [0.12, 0.26, 0.05, 0.08, 0.1],
  nester: [0.1, 0.12, 0.08, 0.1, 0.28],
  enthusiast: [0.14, 0.1, 0.24, 0.12, 0.18],
};

const PLANS = ["free", "pro", "business"] as const;
const REGIONS = ["eu", "us", "apac"] as const;
const CATEGORIES = ["fashion", "home", "electronics", "beauty"] as const;

/** One of `items`, drawn with probability proportional to its weight. */
export function weighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  let u = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= weights[i] as number;
    if (u <= 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/**
 * Segment affinities from observable features. Almost every term is an interaction of two features, the way real
 * segments look ("free-plan mobile shoppers", "EU customers in their first year"); six segments need more than the
 * four leaves of a depth-2 tree.
 */
function affinities(f: { plan: string; device: string; region: string; tenure: number; category: string }): number[] {
  const mobile = f.device === "mobile";
  return [
    // bargain: free-plan mobile shoppers; US electronics buyers
    (f.plan === "free" && mobile ? 2 : 0) + (f.region === "us" && f.category === "electronics" ? 1.6 : 0) + 0.5,
    // loyal: a paid plan for 16 months or more; business accounts on desktop
    (f.tenure >= 16 && f.plan !== "free" ? 2.2 : 0) + (f.plan === "business" && !mobile ? 1 : 0),
    // explorer: APAC fashion buyers; new customers on desktop
    (f.region === "apac" && f.category === "fashion" ? 2 : 0) + (f.tenure < 4 && !mobile ? 1.6 : 0),
    // lapsing: EU customers between 4 and 16 months; free-plan desktop users
    (f.region === "eu" && f.tenure >= 4 && f.tenure < 16 ? 1.8 : 0) + (f.plan === "free" && !mobile ? 1.3 : 0),
    // nester: home buyers on mobile; EU pro accounts
    (f.category === "home" && mobile ? 2 : 0) + (f.plan === "pro" && f.region === "eu" ? 1.4 : 0),
    // enthusiast: beauty buyers on a paid plan
    f.category === "beauty" ? (f.plan === "free" ? 1.2 : 2.1) : 0,
  ];
}

/** How strongly per-customer noise blurs the segment (0 = segments fully observable). */
export const SEGMENT_NOISE = 0.25;

export function generatePopulation(size: number, random: Random): SimCustomer[] {
  const customers: SimCustomer[] = [];
  for (let i = 0; i < size; i++) {
    const plan = weighted(random, PLANS, [0.5, 0.35, 0.15]);
    const device = random() < 0.6 ? "mobile" : "desktop";
    const region = weighted(random, REGIONS, [0.4, 0.4, 0.2]);
    const tenureMonths = Math.floor(random() * 49);
    const lastCategory = weighted(random, CATEGORIES, [0.3, 0.25, 0.25, 0.2]);
    const scores = affinities({ plan, device, region, tenure: tenureMonths, category: lastCategory }).map(
      (a) => a + SEGMENT_NOISE * sampleNormal(random),
    );
    const segment = SEGMENTS[scores.indexOf(Math.max(...scores))] as Segment;
    customers.push({
      id: `c${i}`,
      features: { plan, device, region, tenureMonths, lastCategory },
      segment,
      rates: RATES[segment],
    });
  }
  return customers;
}

/** The hand-made population as a scenario: outcomes within the next 1,000 customers. */
export const RETAIL_SCENARIO: Scenario = {
  name: "retail",
  options: OPTIONS,
  delayCustomers: 1_000,
  population: generatePopulation,
};
