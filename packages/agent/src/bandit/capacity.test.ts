import { describe, expect, it } from "vitest";
import type { CustomerFeatures } from "../policy/types";
import { seededRandom } from "../random";
import { dropTrait, LEFT_OUT_FOR_CAPACITY, traitOfUnit } from "./capacity";
import { contextOf } from "./context";
import { type BanditState, banditStateSchema, emptyBanditState } from "./state";
import { applyReward } from "./update";

const reward = (state: BanditState, edgeId: string, features: CustomerFeatures, value: number, maxContexts?: number) =>
  applyReward(state, { nodeId: "n", edgeId, features, reward: value }, { maxContexts });

describe("traitOfUnit", () => {
  it("finds the trait of number, text and boolean units, the longest known name first", () => {
    const known = ["plan", "tenure", "a", "a=b"];
    expect(traitOfUnit("plan=pro", known)).toBe("plan");
    expect(traitOfUnit("tenure>=16", known)).toBe("tenure");
    expect(traitOfUnit("tenure<4", known)).toBe("tenure");
    expect(traitOfUnit("a=b=c", known)).toBe("a=b");
    expect(traitOfUnit("vip=true", known)).toBe("vip");
    expect(traitOfUnit("planner=false", known)).toBe("planner");
  });
});

describe("dropTrait", () => {
  it("merges the contexts that differed only by the trait, keeping every outcome, and forgets its weights", () => {
    let state = emptyBanditState();
    state = reward(state, "a", { plan: "pro", vip: true }, 1);
    state = reward(state, "a", { plan: "pro", vip: false }, 0);
    state = reward(state, "a", { plan: "free", vip: true }, 1);
    expect(state.contexts).toHaveLength(3);
    const vipTrue = String(state.units.indexOf("vip=true"));
    const planPro = String(state.units.indexOf("plan=pro"));
    state.options.a = {
      ...(state.options.a as BanditState["options"][string]),
      weights: { "*": [-1, 0.3], [vipTrue]: [0.5, 0.1], [planPro]: [0.2, 0.1], [`${planPro}.${vipTrue}`]: [0.1, 0.01] },
    };

    const dropped = dropTrait(state, "vip");

    expect(dropped.contexts).toHaveLength(2);
    const cells = dropped.options.a?.cells ?? [];
    expect(cells.map(([, n, s]) => [n, s]).sort()).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(Object.keys(dropped.options.a?.weights ?? {}).sort()).toEqual(["*", planPro]);
    expect(dropped.traits.vip).toEqual(LEFT_OUT_FOR_CAPACITY);
    expect(banditStateSchema.safeParse(JSON.parse(JSON.stringify(dropped))).success).toBe(true);
  });

  it("keeps a trait left out for capacity out of later contexts, even when the node sets cuts for it", () => {
    let state = emptyBanditState();
    state = reward(state, "a", { plan: "pro", visits: 3 }, 1);
    const dropped = dropTrait(state, "visits");
    const names = contextOf({ plan: "pro", visits: 30 }, { cuts: [{ trait: "visits", at: [10] }] }, dropped.traits);
    expect(names).toEqual([["plan=pro"]]);
  });
});

describe("the bound on contexts", () => {
  it("keeps a node with many traits within its contexts, every outcome kept, the trait that matters kept", {
    timeout: 60_000,
  }, () => {
    const random = seededRandom(3);
    const maxContexts = 1_024;
    let state = emptyBanditState();
    let rewards = 0;
    let most = 0;
    for (let i = 0; i < 3 * maxContexts; i++) {
      const plan = random() < 0.5 ? "pro" : "free";
      // Three traits of sixteen values each that matter to nobody make nearly every customer a context of their own.
      const features: CustomerFeatures = { plan };
      for (const name of "ABC") features[`noise${name}`] = `v${Math.floor(random() * 16)}`;
      const edgeId = random() < 0.5 ? "a" : "b";
      const converted = random() < ((plan === "pro") === (edgeId === "a") ? 0.6 : 0.1) ? 1 : 0;
      state = reward(state, edgeId, features, converted, maxContexts);
      rewards += converted;
      most = Math.max(most, state.contexts.length);
    }
    expect(most).toBeLessThanOrEqual(maxContexts);
    expect(state.contexts.length).toBeGreaterThan(0);
    const options = Object.values(state.options);
    const cellsN = options.flatMap((o) => o.cells).reduce((sum, [, n]) => sum + n, 0);
    const cellsS = options.flatMap((o) => o.cells).reduce((sum, [, , s]) => sum + s, 0);
    expect(cellsN).toBe(3 * maxContexts);
    expect(cellsS).toBe(rewards);
    expect(state.traits.plan).toEqual({ kind: "text", values: expect.arrayContaining(["pro", "free"]) });
    const leftOut = Object.entries(state.traits).filter(([, encoding]) => encoding.kind === "ignored");
    expect(leftOut.length).toBeGreaterThan(0);
    expect(leftOut.every(([name]) => name.startsWith("noise"))).toBe(true);
  });
});
