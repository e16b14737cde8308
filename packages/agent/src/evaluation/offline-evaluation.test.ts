import { describe, expect, it } from "vitest";
import type { CustomerFeatures } from "../policy/types";
import { type Random, seededRandom } from "../random";
import { importanceWeight } from "./estimators";
import { offlineEvaluation } from "./offline-evaluation";
import { fitRewardModel } from "./reward-model";
import { alwaysOption, bestSingleOption, currentPolicy, uniformRandom } from "./targets";
import type { LoggedDecision, TargetEvaluation } from "./types";

const OPTIONS = ["a", "b", "c"];
const RATES: Record<string, number> = { a: 0.1, b: 0.3, c: 0.5 };

/** Decisions logged by a policy that picks each option with `propensities(features)`; reward ~ Bernoulli(rate). */
function simulateLog(
  n: number,
  seed: number,
  propensities: (features: CustomerFeatures) => Record<string, number>,
  rate: (features: CustomerFeatures, edgeId: string) => number = (_, edgeId) => RATES[edgeId] as number,
): LoggedDecision[] {
  const random: Random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const features = { plan: random() < 0.5 ? "pro" : "free" };
    const p = propensities(features);
    let u = random();
    const chosen = OPTIONS.find((edgeId) => (u -= p[edgeId] ?? 0) < 0) ?? (OPTIONS[OPTIONS.length - 1] as string);
    return {
      features,
      candidates: OPTIONS,
      chosen,
      propensity: p[chosen] as number,
      reward: random() < rate(features, chosen) ? 1 : 0,
    };
  });
}

const uniform = () => ({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
const byName = (evaluation: { targets: TargetEvaluation[] }, name: string) =>
  evaluation.targets.find((t) => t.target === name) as TargetEvaluation;
const width = (e: { low: number; high: number }) => e.high - e.low;
const covers = (e: { low: number; high: number }, truth: number) => e.low <= truth && truth <= e.high;

describe("offlineEvaluation on a uniformly random log", () => {
  const logged = simulateLog(6_000, 1, uniform);
  const targets = [...OPTIONS.map((edgeId) => alwaysOption(edgeId)), uniformRandom(), currentPolicy()];
  const result = offlineEvaluation(logged, targets);

  it("recovers each deterministic target's true rate with SNIPS and DR, inside their intervals", () => {
    for (const edgeId of OPTIONS) {
      const evaluation = byName(result, `always ${edgeId}`);
      const truth = RATES[edgeId] as number;
      for (const estimate of [evaluation.snips, evaluation.dr]) {
        expect(Math.abs((estimate.value as number) - truth)).toBeLessThan(0.03);
        expect(covers(estimate, truth)).toBe(true);
      }
      // About a third of the decisions match, each with weight 3.
      expect(evaluation.matched).toBeGreaterThan(1_800);
      expect(evaluation.effectiveSampleSize).toBeCloseTo(evaluation.matched, 0);
    }
  });

  it("gives the uniform target and the logging policy itself the mean rate", () => {
    for (const name of ["uniform random", "current policy"]) {
      const evaluation = byName(result, name);
      expect(Math.abs((evaluation.snips.value as number) - 0.3)).toBeLessThan(0.02);
      expect(Math.abs((evaluation.dr.value as number) - 0.3)).toBeLessThan(0.02);
    }
    const current = byName(result, "current policy");
    expect(current.snips.value).toBeCloseTo(logged.reduce((sum, d) => sum + d.reward, 0) / logged.length, 10);
    expect(current.effectiveSampleSize).toBe(logged.length);
  });

  it("widens the intervals with fewer decisions, about as 1/√n", () => {
    const few = offlineEvaluation(logged.slice(0, 600), targets);
    for (const name of ["always b", "uniform random"]) {
      for (const estimator of ["snips", "dr"] as const) {
        const ratio = width(byName(few, name)[estimator]) / width(byName(result, name)[estimator]);
        expect(ratio).toBeGreaterThan(2.4);
        expect(ratio).toBeLessThan(4.2);
      }
    }
  });

  it("counts the decisions it used", () => {
    expect(result.decisions).toBe(6_000);
    expect(result.skipped).toBe(0);
    expect(byName(result, "always a").decisions).toBe(6_000);
  });
});

describe("offlineEvaluation on a targeted log", () => {
  // The logging policy gives "c" mostly to pro customers, for whom it converts best: the plain mean reward of the
  // decisions that took "c" overstates "always c"; weighting by the propensities removes that.
  const rate = (features: CustomerFeatures, edgeId: string) =>
    edgeId === "c" ? (features.plan === "pro" ? 0.6 : 0.1) : (RATES[edgeId] as number);
  const targeted = (features: CustomerFeatures) =>
    features.plan === "pro" ? { a: 0.05, b: 0.05, c: 0.9 } : { a: 0.45, b: 0.45, c: 0.1 };
  const logged = simulateLog(20_000, 2, targeted, rate);
  const truth = 0.35;

  it("corrects the logging policy's targeting, with or without a context in the reward model", () => {
    const naive = logged.filter((d) => d.chosen === "c");
    expect(naive.reduce((sum, d) => sum + d.reward, 0) / naive.length).toBeGreaterThan(0.5);
    for (const rewardModel of [undefined, { contextFeatures: ["plan"] }]) {
      const evaluation = byName(offlineEvaluation(logged, [alwaysOption("c")], { rewardModel }), "always c");
      expect(Math.abs((evaluation.snips.value as number) - truth)).toBeLessThan(0.02);
      expect(Math.abs((evaluation.dr.value as number) - truth)).toBeLessThan(0.02);
      expect(covers(evaluation.snips, truth) && covers(evaluation.dr, truth)).toBe(true);
    }
  });

  it("keeps 95% intervals covering the truth for a target the logging policy rarely takes", () => {
    // "a" for pro customers is logged with probability 0.01 only: few decisions carry weight 100.
    const rare = (features: CustomerFeatures) =>
      features.plan === "pro" ? { a: 0.01, b: 0.01, c: 0.98 } : { a: 0.45, b: 0.45, c: 0.1 };
    const runs = 200;
    let snipsCovered = 0;
    let drCovered = 0;
    let waldCovered = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const evaluation = byName(
        offlineEvaluation(simulateLog(1_000, 100 + seed, rare, rate), [alwaysOption("a")]),
        "always a",
      );
      if (covers(evaluation.snips, RATES.a as number)) snipsCovered++;
      if (covers(evaluation.dr, RATES.a as number)) drCovered++;
      const { value, standardError } = evaluation.snips as { value: number; standardError: number };
      if (Math.abs(value - (RATES.a as number)) <= 1.96 * standardError) waldCovered++;
    }
    // The plain value ± 1.96·se, which the Wilson floor widens, would miss the truth far more often than 5%.
    expect(waldCovered / runs).toBeLessThan(0.8);
    expect(snipsCovered / runs).toBeGreaterThanOrEqual(0.9);
    expect(drCovered / runs).toBeGreaterThanOrEqual(0.9);
  });
});

describe("offlineEvaluation's bookkeeping", () => {
  const decision = (chosen: string, propensity: number | null, reward: number): LoggedDecision => ({
    features: {},
    candidates: OPTIONS,
    chosen,
    propensity,
    reward,
  });

  it("skips decisions with no or zero propensity and clips tiny ones", () => {
    const logged = [
      decision("a", null, 1),
      decision("a", 0, 1),
      decision("a", 0.00001, 0),
      decision("b", 0.5, 1),
      decision("c", 0.5, 0),
    ];
    const result = offlineEvaluation(logged, [alwaysOption("a")]);
    expect(result).toMatchObject({ decisions: 3, skipped: 2, clipped: 1 });
    // The clipped decision weighs 1/0.001, not 1/0.00001.
    expect(byName(result, "always a").effectiveSampleSize).toBeCloseTo(1, 5);
    const looser = offlineEvaluation(logged, [alwaysOption("a")], { minPropensity: 0.0001 });
    expect(looser.clipped).toBe(1);
  });

  it("weighs every decision 1 for the logging policy itself", () => {
    expect(importanceWeight(currentPolicy(), decision("b", 0.25, 1))).toBeCloseTo(1, 10);
    expect(importanceWeight(currentPolicy(), decision("c", 0.9, 0))).toBeCloseTo(1, 10);
  });

  it("has no SNIPS estimate, and the whole range, for a target no logged choice matches", () => {
    const logged = [decision("a", 0.5, 1), decision("b", 0.5, 0), decision("a", 0.5, 0)];
    const evaluation = byName(offlineEvaluation(logged, [alwaysOption("c")]), "always c");
    expect(evaluation.snips).toEqual({ value: null, standardError: null, low: 0, high: 1 });
    expect(evaluation.matched).toBe(0);
    // DR falls back on its reward model: "c" was never seen, so the overall mean.
    expect(evaluation.dr.value).toBeCloseTo(1 / 3, 10);
  });

  it("spreads a target's mass on an ineligible option over the eligible ones", () => {
    const logged = [decision("a", 0.5, 1), decision("b", 0.5, 0)].map((d) => ({ ...d, candidates: ["a", "b"] }));
    const [gone] = offlineEvaluation(logged, [alwaysOption("c")]).targets;
    const [half] = offlineEvaluation(logged, [uniformRandom()]).targets;
    expect(gone?.snips.value).toBe(half?.snips.value);
  });

  it("rejects rewards outside [0, 1], impossible propensities and a choice outside the candidates", () => {
    expect(() => offlineEvaluation([decision("a", 0.5, 2)], [])).toThrow(RangeError);
    expect(() => offlineEvaluation([decision("a", 1.5, 1)], [])).toThrow(RangeError);
    expect(() => offlineEvaluation([decision("z", 0.5, 1)], [])).toThrow(RangeError);
  });
});

describe("bestSingleOption", () => {
  it("finds the best option and is cross-fitted: each fold is scored with the pick of the other", () => {
    const logged = simulateLog(6_000, 3, uniform);
    const evaluation = byName(offlineEvaluation(logged, [bestSingleOption()]), "best single option");
    expect(evaluation.folds?.map((fold) => [fold.target.name, fold.decisions])).toEqual([
      ["always c", 3_000],
      ["always c", 3_000],
    ]);
    expect(Math.abs((evaluation.snips.value as number) - 0.5)).toBeLessThan(0.03);
  });

  it("does not overstate the winner when every option is equally good, unlike picking and scoring in-sample", () => {
    const equal = () => 0.2;
    const runs = 300;
    let inSample = 0;
    let crossFitted = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const logged = simulateLog(300, 1_000 + seed, uniform, equal);
      inSample += byName(offlineEvaluation(logged, [bestSingleOption()], { folds: 1 }), "best single option").snips
        .value as number;
      crossFitted += byName(offlineEvaluation(logged, [bestSingleOption()]), "best single option").snips
        .value as number;
    }
    expect(inSample / runs - 0.2).toBeGreaterThan(0.02);
    expect(Math.abs(crossFitted / runs - 0.2)).toBeLessThan(0.01);
  });
});

describe("fitRewardModel", () => {
  it("shrinks a context's mean toward its option's mean, and an unseen option's toward the overall mean", () => {
    const logged: LoggedDecision[] = [
      ...Array.from({ length: 10 }, (_, i) => ({
        features: { plan: "free" },
        candidates: ["a", "b"],
        chosen: "a",
        propensity: 0.5,
        reward: i < 5 ? 1 : 0,
      })),
      { features: { plan: "pro" }, candidates: ["a", "b"], chosen: "a", propensity: 0.5, reward: 1 },
    ];
    const model = fitRewardModel(logged, { contextFeatures: ["plan"], shrinkage: 10 });
    const optionMean = (6 + 10 * (6 / 11)) / 21;
    expect(model({ plan: "pro" }, "a")).toBeCloseTo((1 + 10 * optionMean) / 11, 10);
    expect(model({ plan: "new" }, "a")).toBeCloseTo(optionMean, 10);
    expect(model({ plan: "pro" }, "b")).toBeCloseTo(6 / 11, 10);
    expect(fitRewardModel(logged)({ plan: "pro" }, "a")).toBeCloseTo(optionMean, 10);
  });
});
