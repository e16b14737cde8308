import type { CustomerFeatures, DecisionCandidate } from "../policy/types";
import { type Random, sampleNormal, seededRandom } from "../random";
import {
  type Condition,
  drawValue,
  holds,
  randomCondition,
  randomTrait,
  shuffle,
  type Trait,
  type TraitKind,
} from "./random-traits";
import type { Scenario, SimCustomer } from "./types";

/**
 * A family of synthetic populations, one per seed, to judge the policy on many shapes rather than one: 3-8 hidden
 * segments, 3-8 options (one is "send nothing", with a rate of its own: usually, not always, the lowest), a mix of
 * trait kinds of which some are irrelevant, a share of customers whose segment the traits do not predict, and rewards
 * that arrive up to a week late at 100-500 customers a day.
 *
 * A segment is a sum of rules, each a condition or a pair of conditions on relevant traits ("plan is pro and
 * orderTotalCents >= 4,800"); a customer belongs to the segment whose rules weigh most (the baseline segment when none
 * applies), except the unpredictable share, whose segment is drawn at random.
 */
export const RANDOM_SCENARIO_RANGES = {
  segments: [3, 8],
  options: [3, 8],
  relevantTraits: [2, 5],
  irrelevantTraits: [1, 4],
  unpredictableShare: [0, 0.2],
  windowDays: [1, 7],
  customersPerDay: [100, 500],
} as const;

export const SEND_NOTHING = "nothing";

export interface RandomSegment {
  name: string;
  /** The baseline segment's weight; 0 for the others, whose weight is that of the rules that hold. */
  baseline: number;
  rules: { weight: number; conditions: Condition[] }[];
  /** True conversion probability per option, in option order ("send nothing" first). */
  rates: number[];
}

export interface RandomScenario extends Scenario {
  seed: number;
  /** In the order customers' features hold them. */
  traits: Trait[];
  segments: RandomSegment[];
  unpredictableShare: number;
  /** Attribution window: a conversion arrives within it, a non-conversion when it closes. */
  windowDays: number;
  customersPerDay: number;
  /** The cut points the segments' rules use, per number: the cuts someone who knew the segments would choose. */
  ruleCuts: { trait: string; at: number[] }[];
}

const uniform = (random: Random, [lo, hi]: readonly [number, number]) => lo + (hi - lo) * random();
const integer = (random: Random, [lo, hi]: readonly [number, number]) => Math.floor(uniform(random, [lo, hi + 1]));
const MIN_SEGMENT_SHARE = 0.03;
const PROBE = 2_000;

export function randomScenario(seed: number): RandomScenario {
  const random = seededRandom(Math.imul(seed, 0x9e3779b1) ^ 0x5ce7a210);
  const ranges = RANDOM_SCENARIO_RANGES;
  const segmentCount = integer(random, ranges.segments);
  const optionCount = integer(random, ranges.options);
  // More segments need more traits to tell them apart.
  const [fewest, most] = ranges.relevantTraits;
  const relevantCount = integer(random, [Math.max(fewest, Math.ceil(segmentCount / 2)), most]);
  const traits = randomTraits(random, relevantCount, integer(random, ranges.irrelevantTraits));

  // Segments are drawn again until each holds a fair share of a probe population (else the draw closest to it).
  const probe = Array.from({ length: PROBE }, () => featuresOf(traits, random));
  const relevant = traits.filter((t) => t.relevant);
  const samples = new Map(
    relevant.map((t) => [
      t.name,
      probe
        .map((f) => f[t.name])
        .filter((v): v is number => typeof v === "number")
        .sort((a, b) => a - b),
    ]),
  );
  let segments: RandomSegment[] = [];
  let smallest = -1;
  for (let attempt = 0; attempt < 100 && smallest < MIN_SEGMENT_SHARE * PROBE; attempt++) {
    const drawn = randomSegments(random, segmentCount, relevant, samples);
    const counts = new Array<number>(segmentCount).fill(0);
    for (const features of probe) {
      const s = segmentOf(drawn, features);
      counts[s] = (counts[s] as number) + 1;
    }
    if (Math.min(...counts) > smallest) {
      segments = drawn;
      smallest = Math.min(...counts);
    }
  }
  assignRates(random, segments, optionCount);

  const unpredictableShare = uniform(random, ranges.unpredictableShare);
  const windowDays = integer(random, ranges.windowDays);
  const customersPerDay = integer(random, ranges.customersPerDay);
  const cutsByTrait = new Map<string, Set<number>>();
  for (const rule of segments.flatMap((s) => s.rules)) {
    for (const c of rule.conditions) {
      if (c.op === "gte" || c.op === "lt")
        cutsByTrait.set(c.trait, (cutsByTrait.get(c.trait) ?? new Set()).add(c.value));
    }
  }
  const ruleCuts = [...cutsByTrait].map(([trait, at]) => ({ trait, at: [...at].sort((a, b) => a - b) }));

  const options: DecisionCandidate[] = [
    { edgeId: SEND_NOTHING, label: "Send nothing", description: "No message: the customer's own course." },
    ...Array.from({ length: optionCount - 1 }, (_, k) => ({
      edgeId: `offer-${k + 1}`,
      label: `Offer ${k + 1}`,
      description: `Message variant ${k + 1}.`,
    })),
  ];
  return {
    name: `random-${seed}`,
    seed,
    options,
    delayCustomers: windowDays * customersPerDay,
    traits,
    segments,
    unpredictableShare,
    windowDays,
    customersPerDay,
    ruleCuts,
    population(size: number, draw: Random): SimCustomer[] {
      return Array.from({ length: size }, (_, i) => {
        const features = featuresOf(traits, draw);
        const unpredictable = draw() < unpredictableShare;
        const index = unpredictable ? Math.floor(draw() * segments.length) : segmentOf(segments, features);
        const segment = segments[index] as RandomSegment;
        return { id: `c${i}`, features, segment: segment.name, rates: segment.rates };
      });
    },
  };
}

/** Relevant traits first drawn as one amount, one category and any kinds; then irrelevant ones; maybe a code. */
function randomTraits(random: Random, relevantCount: number, irrelevantCount: number): Trait[] {
  const kinds: TraitKind[] = ["category", "boolean", "count", "amount", "decimal"];
  const anyKind = () => kinds[Math.floor(random() * kinds.length)] as TraitKind;
  const taken = new Set<string>();
  const traits: Trait[] = [];
  for (let i = 0; i < relevantCount; i++) {
    const kind = i === 0 ? "amount" : i === 1 ? "category" : anyKind();
    traits.push(randomTrait(random, kind, true, taken));
  }
  for (let i = 0; i < irrelevantCount; i++) traits.push(randomTrait(random, anyKind(), false, taken));
  if (random() < 0.5) traits.push(randomTrait(random, "identifier", false, taken));
  return shuffle(random, traits);
}

function featuresOf(traits: readonly Trait[], random: Random): CustomerFeatures {
  const features: CustomerFeatures = {};
  for (const trait of traits) features[trait.name] = drawValue(trait, random);
  return features;
}

/**
 * A baseline segment and segments of one or two rules, each of one or two conditions (two: an interaction, which a
 * shallow tree cannot express for every segment at once); every relevant trait is read by some rule.
 */
function randomSegments(
  random: Random,
  count: number,
  relevant: readonly Trait[],
  samples: ReadonlyMap<string, readonly number[]>,
): RandomSegment[] {
  let unused = shuffle(random, relevant);
  const nextTrait = (exclude?: Trait) => {
    const pool = unused.filter((t) => t !== exclude);
    const trait = pool[0] ?? shuffle(random, relevant).find((t) => t !== exclude) ?? (relevant[0] as Trait);
    unused = unused.filter((t) => t !== trait);
    return trait;
  };
  const condition = (trait: Trait) => randomCondition(random, trait, samples.get(trait.name) ?? []);
  const segments = Array.from({ length: count }, (_, s): RandomSegment => {
    if (s === 0) return { name: "baseline", baseline: uniform(random, [0.3, 1]), rules: [], rates: [] };
    const rules = Array.from({ length: random() < 0.4 ? 2 : 1 }, () => {
      const first = nextTrait();
      const conditions = [condition(first)];
      if (random() < 0.5 && relevant.length > 1) conditions.push(condition(nextTrait(first)));
      return { weight: uniform(random, [1, 2]), conditions };
    });
    return { name: `segment-${s}`, baseline: 0, rules, rates: [] };
  });
  // A relevant trait no rule has read yet gets a rule of its own in some segment.
  for (const trait of unused) {
    const segment = segments[1 + Math.floor(random() * (count - 1))] as RandomSegment;
    segment.rules.push({ weight: uniform(random, [1, 2]), conditions: [condition(trait)] });
  }
  return segments;
}

/** The segment whose rules weigh most; the first on a tie. */
function segmentOf(segments: readonly RandomSegment[], features: CustomerFeatures): number {
  let best = 0;
  let bestWeight = Number.NEGATIVE_INFINITY;
  segments.forEach((segment, s) => {
    let weight = segment.baseline;
    for (const rule of segment.rules) if (rule.conditions.every((c) => holds(c, features))) weight += rule.weight;
    if (weight > bestWeight) {
      best = s;
      bestWeight = weight;
    }
  });
  return best;
}

/**
 * Per segment an organic rate (what "send nothing" gets, 2-15%) and a lift per message around +20%; each segment's
 * favourite message (segments take the messages in turn) lifts 1.6-3 times more, and about one segment in seven
 * dislikes messages (every lift below 1), so that sending nothing is its best option.
 */
function assignRates(random: Random, segments: RandomSegment[], optionCount: number): void {
  const messages = Array.from({ length: optionCount - 1 }, (_, k) => k + 1);
  const favourites = shuffle(random, messages);
  segments.forEach((segment, s) => {
    const organic = Math.exp(uniform(random, [Math.log(0.02), Math.log(0.15)]));
    const averse = random() < 0.15;
    const favourite = favourites[s % favourites.length];
    segment.rates = [organic];
    for (const k of messages) {
      let lift = Math.exp(0.2 + 0.3 * sampleNormal(random));
      if (averse) lift *= uniform(random, [0.5, 0.8]);
      else if (k === favourite) lift *= uniform(random, [1.6, 3]);
      segment.rates.push(Math.min(0.6, Number((organic * lift).toFixed(4))));
    }
  });
}
