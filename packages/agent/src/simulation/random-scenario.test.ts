import { describe, expect, it } from "vitest";
import { seededRandom } from "../random";
import { RANDOM_SCENARIO_RANGES, randomScenario, SEND_NOTHING } from "./random-scenario";
import { holds } from "./random-traits";
import { fitTree, pilotTree, treeChoice } from "./static-tree";

const SCENARIOS = Array.from({ length: 40 }, (_, i) => randomScenario(i + 1));
const within = (value: number, [lo, hi]: readonly [number, number]) => value >= lo && value <= hi;

describe("randomScenario", () => {
  it("draws segment, option and trait counts, shares and delays within their ranges", () => {
    for (const scenario of SCENARIOS) {
      expect(within(scenario.segments.length, RANDOM_SCENARIO_RANGES.segments)).toBe(true);
      expect(within(scenario.options.length, RANDOM_SCENARIO_RANGES.options)).toBe(true);
      expect(within(scenario.unpredictableShare, RANDOM_SCENARIO_RANGES.unpredictableShare)).toBe(true);
      expect(within(scenario.windowDays, RANDOM_SCENARIO_RANGES.windowDays)).toBe(true);
      expect(within(scenario.customersPerDay, RANDOM_SCENARIO_RANGES.customersPerDay)).toBe(true);
      expect(Number.isInteger(scenario.windowDays) && Number.isInteger(scenario.customersPerDay)).toBe(true);
      // Rewards arrive 1-7 days late at 100-500 customers a day.
      expect(scenario.delayCustomers).toBe(scenario.windowDays * scenario.customersPerDay);
      expect(within(scenario.delayCustomers, [100, 3_500])).toBe(true);
      const relevant = scenario.traits.filter((t) => t.relevant);
      expect(within(relevant.length, RANDOM_SCENARIO_RANGES.relevantTraits)).toBe(true);
      expect(scenario.traits.length - relevant.length).toBeGreaterThanOrEqual(1);
      for (const segment of scenario.segments) {
        expect(segment.rates).toHaveLength(scenario.options.length);
        expect(segment.rates.every((rate) => rate > 0 && rate <= 0.6)).toBe(true);
      }
    }
  });

  it("always offers sending nothing, usually but not always the weakest option", () => {
    let segments = 0;
    let nothingBest = 0;
    for (const scenario of SCENARIOS) {
      expect(scenario.options[0]).toMatchObject({ edgeId: SEND_NOTHING, label: "Send nothing" });
      for (const { rates } of scenario.segments) {
        segments++;
        if ((rates[0] as number) >= Math.max(...rates.slice(1))) nothingBest++;
      }
    }
    expect(nothingBest).toBeGreaterThan(0);
    expect(nothingBest).toBeLessThan(segments / 4);
  });

  it("mixes trait kinds, with wide-range integer amounts, decimals and traits no segment reads", () => {
    const kinds = new Set(SCENARIOS.flatMap((scenario) => scenario.traits.map((t) => t.kind)));
    expect([...kinds].sort()).toEqual(["amount", "boolean", "category", "count", "decimal", "identifier"]);
    for (const scenario of SCENARIOS.slice(0, 5)) {
      const customers = scenario.population(2_000, seededRandom(1));
      // Every scenario has an amount that some segment reads.
      const amount = scenario.traits.find((t) => t.kind === "amount" && t.relevant);
      const values = customers.map((c) => c.features[amount?.name ?? ""]).filter((v) => v !== null) as number[];
      expect(values.length).toBeGreaterThan(1_500);
      expect(values.every((v) => Number.isInteger(v) && v >= 1 && v <= 1_000_000)).toBe(true);
      expect(Math.max(...values) / Math.min(...values)).toBeGreaterThan(100);
    }
    // Every rule reads a relevant trait, and every relevant trait is read by some rule.
    for (const { traits, segments } of SCENARIOS) {
      const read = new Set(segments.flatMap((s) => s.rules.flatMap((r) => r.conditions.map((c) => c.trait))));
      expect([...read].sort()).toEqual(
        traits
          .filter((t) => t.relevant)
          .map((t) => t.name)
          .sort(),
      );
    }
  });

  it("is the same scenario and population for the same seeds, and another for another seed", () => {
    const draw = (seed: number) => {
      const scenario = randomScenario(seed);
      const { population, ...shape } = scenario;
      return JSON.stringify({ shape, customers: population(300, seededRandom(5)) });
    };
    expect(draw(11)).toBe(draw(11));
    expect(draw(11)).not.toBe(draw(12));
    const scenario = randomScenario(11);
    expect(scenario.population(50, seededRandom(1))).not.toEqual(scenario.population(50, seededRandom(2)));
  });

  it("draws each customer's segment from the traits, except the unpredictable share", () => {
    // Segments follow from the rules: customers passing the same conditions share a segment unless unpredictable.
    const scenario = randomScenario(17);
    const customers = scenario.population(20_000, seededRandom(3));
    const conditions = scenario.segments.flatMap((s) => s.rules.flatMap((r) => r.conditions));
    const byTraits = new Map<string, Map<string, number>>();
    for (const c of customers) {
      const key = conditions.map((condition) => (holds(condition, c.features) ? 1 : 0)).join("");
      const counts = byTraits.get(key) ?? new Map<string, number>();
      counts.set(c.segment, (counts.get(c.segment) ?? 0) + 1);
      byTraits.set(key, counts);
    }
    let minority = 0;
    for (const counts of byTraits.values()) {
      const values = [...counts.values()];
      minority += values.reduce((a, b) => a + b, 0) - Math.max(...values);
    }
    // Off-segment customers: the unpredictable share times the chance a random segment differs from the rule's.
    const expected = scenario.unpredictableShare * (1 - 1 / scenario.segments.length) * customers.length;
    expect(minority).toBeLessThan(expected * 1.3 + 50);
    expect(minority).toBeGreaterThan(expected * 0.5 - 50);
  });
});

describe("trees", () => {
  it("finds an interaction a depth-2 tree can express, with the true rates", () => {
    const rows = [0, 1, 2, 3].flatMap((i) =>
      Array.from({ length: 10 }, (_, n) => {
        const vip = i % 2 === 1;
        const orderTotal = i < 2 ? 1_000 + n : 50_000 + n;
        // Option 1 for big spenders who are not VIPs, option 2 for VIPs, option 0 otherwise.
        const best = vip ? 2 : orderTotal >= 20_000 ? 1 : 0;
        return { features: { vip, orderTotal }, totals: [0, 1, 2].map((k) => (k === best ? 0.3 : 0.1)) };
      }),
    );
    const { tree, value } = fitTree(rows, { optionCount: 3 });
    expect(value).toBeCloseTo(40 * 0.3);
    for (const row of rows) expect(row.totals[treeChoice(tree, row.features)]).toBe(0.3);
  });

  it("fits a pilot's outcomes, and keeps leaves large enough to trust", () => {
    // 400 pilot customers: plan "a" converts on option 1 only, plan "b" on option 0 only; ten "c" customers on option
    // 2 only, too few for a leaf of their own (40 by default).
    const random = seededRandom(4);
    const pilot = Array.from({ length: 400 }, (_, i) => {
      const plan = i < 10 ? "c" : i % 2 === 0 ? "a" : "b";
      const option = i % 3;
      const converts = plan === "a" ? option === 1 : plan === "b" ? option === 0 : option === 2;
      return { features: { plan, score: random() }, option, reward: converts && random() < 0.5 ? 1 : 0 };
    });
    const tree = pilotTree(pilot, 3);
    expect(treeChoice(tree, { plan: "a", score: 0.5 })).toBe(1);
    expect(treeChoice(tree, { plan: "b", score: 0.5 })).toBe(0);
    expect(treeChoice(tree, { plan: "c", score: 0.5 })).not.toBe(2);
    // With no minimum, the ten "c" customers would get their own leaf.
    expect(treeChoice(pilotTree(pilot, 3, 1), { plan: "c", score: 0.5 })).toBe(2);
  });
});
