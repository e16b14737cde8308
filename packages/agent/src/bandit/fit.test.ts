import { describe, expect, it } from "vitest";
import { type CellData, fitOption, MAX_DENSE_WEIGHTS } from "./fit";
import { activeFeatures, DEFAULT_PROBIT_PRIORS, predictedRate } from "./probit";
import { applyReward } from "./thompson";
import { emptyBanditState, parseBanditState } from "./state";

/** Two features, two units each; the rate depends on their interaction only. */
const rateOf = (a: number, b: number) => (a === b ? 0.3 : 0.08);
const cells = (perCell: number): CellData[] =>
  [0, 1].flatMap((a) =>
    [2, 3].map((b) => ({ features: activeFeatures([[a], [b]]), n: perCell, s: perCell * rateOf(a, b - 2) })),
  );

describe("fitOption", () => {
  it("recovers an interaction from aggregated outcomes, more surely with more of them", () => {
    const few = fitOption(cells(50), {}, DEFAULT_PROBIT_PRIORS);
    const many = fitOption(cells(5_000), {}, DEFAULT_PROBIT_PRIORS);
    cells(1).forEach((_, i) => {
      const truth = rateOf(i >> 1, i & 1);
      expect(Math.abs(predictedRate(many.cells[i]!) - truth)).toBeLessThan(0.01);
      expect(many.cells[i]![1]).toBeLessThan(few.cells[i]![1]);
    });
  });

  it("falls back to a diagonal fit past the dense limit and still ranks contexts right", () => {
    // 30 features of 4 units (one active each): 1 + 120 + 435 * 16 weights.
    const data: CellData[] = [];
    for (let c = 0; c < 200; c++) {
      const ids = Array.from({ length: 30 }, (_, f) => [f * 4 + ((c * (f + 1)) % 4)]);
      data.push({ features: activeFeatures(ids), n: 100, s: ids[0]?.[0] === 0 ? 30 : 8 });
    }
    const fit = fitOption(data, {}, DEFAULT_PROBIT_PRIORS);
    expect(Object.keys(fit.weights).length).toBeGreaterThan(MAX_DENSE_WEIGHTS);
    const mean = (high: boolean) => {
      const rates = data.map((cell, i) => ({ high: cell.s === 30, rate: predictedRate(fit.cells[i]!) }));
      const own = rates.filter((r) => r.high === high);
      return own.reduce((sum, r) => sum + r.rate, 0) / own.length;
    };
    expect(mean(true)).toBeGreaterThan(mean(false) + 0.1);
  });
});

describe("bandit state", () => {
  it("survives a JSON round trip and restarts from an older format", () => {
    let state = emptyBanditState();
    for (let i = 0; i < 60; i++) {
      state = applyReward(state, {
        nodeId: "n",
        edgeId: i % 2 ? "a" : "b",
        features: { plan: "pro", n: i },
        reward: i % 3 ? 0 : 1,
      });
    }
    expect(state.options.a?.sinceFit).toBeLessThan(30);
    expect(parseBanditState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseBanditState({ format: "probit-thompson/1", weights: {}, counts: {} })).toEqual(emptyBanditState());
  });

  it("stores a context as one group id per trait, and each group of units once", () => {
    let state = emptyBanditState();
    for (let i = 0; i < 200; i++) {
      const features = { plan: i % 2 ? "pro" : "free", orderTotal: 100 * (i % 50) + 1, vip: i % 3 === 0 };
      state = applyReward(state, { nodeId: "n", edgeId: "a", features, reward: i % 4 ? 0 : 1 });
    }
    expect(state.contexts.every((groups) => groups.length <= 3)).toBe(true);
    expect(new Set(state.groups.map((units) => units.join())).size).toBe(state.groups.length);
    expect(state.traits.orderTotal).toMatchObject({ kind: "number" });
  });

  it("indexes an older state afresh when a worker applies a reward to it again", () => {
    // Fewer rewards than the text sample: every plan is a unit of its own.
    let base = emptyBanditState();
    for (let i = 0; i < 30; i++) {
      const features = { plan: i % 2 ? "pro" : "free" };
      base = applyReward(base, { nodeId: "n", edgeId: "a", features, reward: i % 3 ? 0 : 1 });
    }
    const reward = (state: typeof base, plan: string) =>
      applyReward(state, { nodeId: "n", edgeId: "a", features: { plan }, reward: 1 });
    const one = reward(base, "team");
    // A second worker still holding `base` adds another context under the same new id.
    const other = reward(base, "enterprise");
    const next = reward(one, "enterprise");
    expect(other.contexts).toHaveLength(base.contexts.length + 1);
    expect(next.contexts).toHaveLength(base.contexts.length + 2);
    for (const state of [one, other, next]) expect(parseBanditState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    const cellOf = (state: typeof base, plan: string) => {
      const group = state.groups.findIndex((units) => units.length === 1 && state.units[units[0]!] === `plan=${plan}`);
      const context = state.contexts.findIndex((groups) => groups.length === 1 && groups[0] === group);
      return state.options.a?.cells.find(([id]) => id === context);
    };
    expect(cellOf(next, "enterprise")?.[1]).toBe(1);
    expect(cellOf(next, "team")?.[1]).toBe(1);
    expect(cellOf(other, "team")).toBeUndefined();
  });
});
