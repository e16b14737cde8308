import { describe, expect, it } from "vitest";
import type { DecisionInput } from "../policy/types";
import { sampleNormal, seededRandom } from "../random";
import { contextOf, encodingFrom, learnEncodings, MAX_CUTS, SAMPLE_SIZE, unitsOf } from "./context";
import { activeFeatures } from "./probit";
import { emptyBanditState, parseBanditState, type TraitEncoding } from "./state";
import { applyReward, decide } from "./thompson";

const cuts = (values: number[]): TraitEncoding => ({ kind: "number", cuts: values });

describe("unitsOf", () => {
  it("encodes a number as the cut points it reaches, so neighbouring bins share all but one unit", () => {
    const tenure = cuts([4, 16, 64]);
    expect(unitsOf("tenureMonths", 2, tenure)).toEqual(["tenureMonths<4"]);
    expect(unitsOf("tenureMonths", 4, tenure)).toEqual(["tenureMonths>=4"]);
    expect(unitsOf("tenureMonths", 20, tenure)).toEqual(["tenureMonths>=4", "tenureMonths>=16"]);
    expect(unitsOf("tenureMonths", 500, tenure)).toEqual(["tenureMonths>=4", "tenureMonths>=16", "tenureMonths>=64"]);
  });

  it("gives missing values a unit of their own", () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY])
      expect(unitsOf("tenureMonths", value, cuts([4]))).toEqual(["tenureMonths=none"]);
    expect(unitsOf("plan", null, { kind: "text", values: ["pro"] })).toEqual(["plan=none"]);
  });

  it("keeps text values it learned, folds the rest into one, and reads booleans as they are", () => {
    const plan: TraitEncoding = { kind: "text", values: ["pro", "free"] };
    expect(unitsOf("plan", "pro", plan)).toEqual(["plan=pro"]);
    expect(unitsOf("plan", "enterprise", plan)).toEqual(["plan=other"]);
    expect(unitsOf("vip", true, undefined)).toEqual(["vip=true"]);
  });

  it("uses text as it comes and no number while sampling, and nothing of a trait left out", () => {
    const sampling: TraitEncoding = { kind: "sampling", values: [1, 2] };
    expect(unitsOf("plan", "pro", sampling)).toEqual(["plan=pro"]);
    expect(unitsOf("orderTotal", 4_800, sampling)).toEqual([]);
    expect(unitsOf("orderTotal", 4_800, undefined)).toEqual([]);
    expect(unitsOf("couponCode", "X7Q2", { kind: "ignored" })).toEqual([]);
  });
});

describe("encodingFrom", () => {
  const random = seededRandom(1);
  const sample = <T>(draw: () => T) => Array.from({ length: SAMPLE_SIZE }, draw);

  it("cuts a wide-range amount at a few powers of two, whatever its range", () => {
    // Order totals in cents: median $50, from a few dollars to thousands.
    const cents = sample(() => Math.round(5_000 * Math.exp(1.5 * sampleNormal(random))));
    const encoding = encodingFrom(cents);
    if (encoding.kind !== "number") throw new Error(encoding.kind);
    expect(encoding.cuts.length).toBeGreaterThanOrEqual(2);
    expect(encoding.cuts.length).toBeLessThanOrEqual(MAX_CUTS);
    // Powers of a common power of two: 2^10, 2^13, 2^16 or the like.
    const exponents = encoding.cuts.map(Math.log2);
    expect(exponents.every(Number.isInteger)).toBe(true);
    const steps = exponents.slice(1).map((e, i) => e - (exponents[i] as number));
    expect(new Set(steps).size).toBe(1);
    expect(exponents.every((e) => e % (steps[0] as number) === 0)).toBe(true);
    // However large a value, it activates at most MAX_CUTS units.
    expect(unitsOf("orderTotalCents", 1_000_000, encoding).length).toBeLessThanOrEqual(MAX_CUTS);
  });

  it("keeps every power of two of a narrow count, up to the cap", () => {
    const tenure = sample(() => Math.floor(random() * 49));
    expect(encodingFrom(tenure)).toMatchObject({ kind: "number" });
    const { cuts: learned } = encodingFrom(tenure) as { cuts: number[] };
    expect(learned).toContain(4);
    expect(learned).toContain(16);
  });

  it("cuts fractions at their quartiles, and a number of few values between them", () => {
    const shares = sample(() => random());
    const quartiles = (encodingFrom(shares) as { cuts: number[] }).cuts;
    expect(quartiles).toHaveLength(3);
    expect(quartiles[0]).toBeGreaterThan(0.1);
    expect(quartiles[2]).toBeLessThan(0.9);
    expect(encodingFrom(sample(() => Math.floor(random() * 3)))).toEqual(cuts([1, 2]));
  });

  it("keeps a category's values and leaves identifying or constant text out", () => {
    const plans = sample(() => ["free", "pro", "business"][Math.floor(random() * 3)] as string);
    const plan = encodingFrom(plans);
    expect(plan.kind === "text" && [...plan.values].sort()).toEqual(["business", "free", "pro"]);
    const codes = sample(() => Math.floor(random() * 36 ** 6).toString(36));
    expect(encodingFrom(codes)).toEqual({ kind: "ignored" });
    expect(encodingFrom(sample(() => "eu"))).toEqual({ kind: "ignored" });
  });
});

describe("learnEncodings", () => {
  it("samples a trait's first values, then fixes its encoding for good", () => {
    let learned: Record<string, TraitEncoding> = {};
    for (let i = 0; i < SAMPLE_SIZE - 1; i++) learned = learnEncodings(learned, { tenureMonths: i % 40, vip: true });
    expect(learned.tenureMonths).toMatchObject({ kind: "sampling" });
    // Booleans need no sample.
    expect(learned.vip).toBeUndefined();
    learned = learnEncodings(learned, { tenureMonths: 3 });
    const fixed = learned.tenureMonths;
    expect(fixed?.kind).toBe("number");
    // Later values change nothing: the same object comes back.
    expect(learnEncodings(learned, { tenureMonths: 1_000_000 })).toBe(learned);
  });

  it("leaves numbers with explicit cuts and traits not listed alone", () => {
    const options = { traits: ["plan"], cuts: [{ trait: "plan", at: [1] }] };
    expect(learnEncodings({}, { tenureMonths: 5, plan: "pro" }, options)).toEqual({});
    expect(learnEncodings({}, { age: 30 }, { cuts: [{ trait: "age", at: [18, 65] }] })).toEqual({});
  });

  it("learns traits named like object members as plain traits", () => {
    const features = { constructor: 5, toString: "gold", hasOwnProperty: true };
    let learned: Record<string, TraitEncoding> = {};
    for (let i = 0; i < SAMPLE_SIZE; i++) learned = learnEncodings(learned, { ...features, constructor: i });
    const name: string = "constructor";
    expect(learned[name]?.kind).toBe("number");
    expect(Object.getPrototypeOf(learned)).toBe(Object.prototype);
    const [constructorUnits, ...others] = contextOf(features, {}, learned);
    expect(constructorUnits?.every((unit) => unit.startsWith("constructor"))).toBe(true);
    expect(others).toEqual([["hasOwnProperty=true"], ["toString=gold"]]);
  });

  it("keeps a trait named __proto__ from replacing the encodings' prototype", () => {
    const features = JSON.parse('{"__proto__": "x", "plan": "pro"}');
    const learned = learnEncodings({}, features);
    expect(Object.getPrototypeOf(learned)).toBe(Object.prototype);
    expect(Object.keys(learned).sort()).toEqual(["__proto__", "plan"]);
  });
});

describe("contextOf", () => {
  const learned: Record<string, TraitEncoding> = { tenureMonths: cuts([4, 16]), code: { kind: "ignored" } };

  it("groups a customer's units by trait in name order, only the traits chosen, leaving out traits without units", () => {
    const features = { tenureMonths: 5, plan: "pro", code: "X7Q2" };
    expect(contextOf(features, {}, learned)).toEqual([["plan=pro"], ["tenureMonths>=4"]]);
    expect(contextOf(features, { traits: ["tenureMonths", "region"] }, learned)).toEqual([["tenureMonths>=4"]]);
    // The order of the chosen traits does not matter: a reordered list keeps every context.
    expect(contextOf(features, { traits: ["tenureMonths", "plan"] }, learned)).toEqual(
      contextOf(features, { traits: ["plan", "tenureMonths"] }, learned),
    );
  });

  it("cuts a number at explicit cuts rather than the learned cuts", () => {
    const features = { tenureMonths: 20 };
    expect(contextOf(features, { cuts: [{ trait: "tenureMonths", at: [12] }] }, learned)).toEqual([
      ["tenureMonths>=12"],
    ]);
  });
});

describe("activeFeatures", () => {
  it("pairs units of different features only", () => {
    expect(activeFeatures([[0], [1, 2]])).toEqual(["*", "0", "1", "2", "0.1", "0.2"]);
    expect(activeFeatures([[1, 2]])).toEqual(["*", "1", "2"]);
  });
});

describe("learned encodings in the policy", () => {
  const input = (features: DecisionInput["customer"]["features"]): DecisionInput => ({
    objective: { id: "o1", name: "Repeat purchase" },
    customer: { id: "c1", features },
    candidates: [
      { edgeId: "long", label: "Loyalty points", description: "" },
      { edgeId: "short", label: "Welcome offer", description: "" },
    ],
    node: { id: "n", exploration: 0, minConfidence: 0.6 },
  });

  it("carry what the top bin taught to values beyond any seen", () => {
    // Customers of 0-31 months; those of 16 months or more convert on "long", the others on "short".
    const random = seededRandom(1);
    let state = emptyBanditState();
    for (let i = 0; i < 1_600; i++) {
      const tenureMonths = Math.floor(random() * 32);
      const edgeId = i % 2 === 0 ? "long" : "short";
      const rate = tenureMonths >= 16 === (edgeId === "long") ? 0.4 : 0.05;
      state = applyReward(state, { nodeId: "n", edgeId, features: { tenureMonths }, reward: random() < rate ? 1 : 0 });
    }
    expect(state.traits.tenureMonths).toMatchObject({ kind: "number", cuts: expect.arrayContaining([4, 16]) });
    const decision = decide(state, input({ tenureMonths: 400 }), seededRandom(2));
    expect(decision.chosenEdgeId).toBe("long");
    expect(decision.scores.long).toBeGreaterThan((decision.scores.short as number) + 0.1);
    // The rationale names the customer's most specific unit.
    expect(decision.rationale).toContain("tenureMonths>=16");
    expect(decide(state, input({ tenureMonths: 2 }), seededRandom(2)).chosenEdgeId).toBe("short");
  });

  it("follow the node's own learnsFrom, when deciding and when learning", () => {
    // Only "region" is chosen and tenure is cut at 12: "plan" never becomes a unit, tenure never a learned cut.
    const context = { traits: ["region", "tenureMonths"], cuts: [{ trait: "tenureMonths", at: [12] }] };
    let state = emptyBanditState();
    for (let i = 0; i < 200; i++) {
      const features = { tenureMonths: i % 30, plan: i % 2 ? "pro" : "free", region: i % 3 ? "eu" : "us" };
      state = applyReward(state, { nodeId: "n", edgeId: "long", features, reward: i % 4 === 0 ? 1 : 0, context });
    }
    expect(state.units.some((unit) => unit.startsWith("plan"))).toBe(false);
    expect(state.units).toEqual(expect.arrayContaining(["tenureMonths<12", "tenureMonths>=12", "region=eu"]));
    expect(state.traits.tenureMonths).toBeUndefined();
    const decision = decide(
      state,
      { ...input({ tenureMonths: 20, plan: "pro", region: "eu" }), node: { ...input({}).node, context } },
      seededRandom(4),
    );
    expect(decision.rationale).not.toContain("plan=");
  });

  it("keep an identifying trait out of the contexts once it is found to be one", () => {
    const random = seededRandom(3);
    let state = emptyBanditState();
    for (let i = 0; i < 400; i++) {
      const features = { plan: i % 2 ? "pro" : "free", couponCode: `C${i}` };
      state = applyReward(state, { nodeId: "n", edgeId: "long", features, reward: random() < 0.2 ? 1 : 0 });
    }
    expect(state.traits.couponCode).toEqual({ kind: "ignored" });
    // Only the sample's customers had a code unit; every later context is one of the two plans.
    expect(state.contexts.length).toBeLessThanOrEqual(SAMPLE_SIZE + 2);
  });

  it("restart learning from a state stored in an older format", () => {
    const older = { format: "probit-laplace/3", units: ["tenureMonths>=1"], contexts: [[[0]]], options: {} };
    expect(parseBanditState(older)).toEqual(emptyBanditState());
  });
});
