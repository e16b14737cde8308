import { describe, expect, it } from "vitest";
import type { DecisionInput } from "../policy/types";
import { seededRandom } from "../random";
import { InMemoryPolicyStateStore, type PolicyStateStore } from "../state/policy-state-store";
import { LearningPolicy } from "./learning-policy";

const input = (features: DecisionInput["customer"]["features"], extra: Partial<DecisionInput["node"]> = {}) =>
  ({
    objective: { id: "o1", name: "Repeat purchase" },
    customer: { id: "c1", features },
    candidates: [
      { edgeId: "a", label: "Discount", description: "10% off" },
      {
        edgeId: "b",
        label: "Free shipping",
        description: "",
        eligibility: [{ field: "country", operator: "eq", value: "FR" }],
      },
    ],
    node: { id: "j1/agent", exploration: 0, minConfidence: 0.6, ...extra },
  }) satisfies DecisionInput;

describe("LearningPolicy", () => {
  it("learns which option converts for a context and becomes confident", async () => {
    const policy = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(1) });
    const cold = await policy.choose(input({ country: "FR" }));
    // At cold start nothing is certain, and the node is learning: its choice stands, nothing goes to review.
    expect(cold.confidence).toBeLessThan(0.9);
    expect(cold).toMatchObject({ phase: "learning", evidence: 0, needsReview: false });
    expect(Object.values(cold.propensities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    const rewards = seededRandom(2);
    for (let i = 0; i < 400; i++) {
      const edgeId = i % 2 === 0 ? "a" : "b";
      const rate = edgeId === "b" ? 0.4 : 0.1;
      await policy.update({
        nodeId: "j1/agent",
        edgeId,
        features: { country: "FR" },
        reward: rewards() < rate ? 1 : 0,
      });
    }
    const warm = await policy.choose(input({ country: "FR" }));
    expect(warm.chosenEdgeId).toBe("b");
    expect(warm.explore).toBe(false);
    expect(warm.confidence).toBeGreaterThan(0.95);
    expect(warm).toMatchObject({ phase: "confident", evidence: 200, needsReview: false });
    // Mostly chosen by Thompson sampling; the 10% floor is what is left for the other option.
    expect(warm.propensities.b).toBeGreaterThan(0.85);
    expect(warm.scores.b).toBeGreaterThan(warm.scores.a as number);
    expect(warm.rationale).toContain("Free shipping");
  });

  it("never chooses an ineligible option and reports why it was removed", async () => {
    const policy = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(3) });
    for (let i = 0; i < 20; i++) {
      const decision = await policy.choose(input({ country: "DE" }));
      expect(decision.chosenEdgeId).toBe("a");
      expect(decision.removed).toEqual([{ edgeId: "b", reason: 'not eligible: requires country eq "FR"' }]);
    }
  });

  it("takes the fallback when nothing is eligible, and asks for review without one", async () => {
    const policy = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(4) });
    const only = (fallbackEdgeId?: string) => ({
      ...input({ country: "DE" }, { fallbackEdgeId }),
      candidates: input({}).candidates.slice(1),
    });
    const withFallback = await policy.choose(only("b"));
    expect(withFallback).toMatchObject({ chosenEdgeId: "b", usedFallback: true, needsReview: false });
    const without = await policy.choose(only());
    expect(without).toMatchObject({ usedFallback: false, needsReview: true, confidence: 0 });
  });

  it("explores at the node's floor", async () => {
    const policy = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(5) });
    for (let i = 0; i < 200; i++) await policy.update({ nodeId: "j1/agent", edgeId: "a", features: {}, reward: 1 });
    let explored = 0;
    for (let i = 0; i < 400; i++)
      if ((await policy.choose(input({ country: "FR" }, { exploration: 0.25 }))).explore) explored++;
    expect(explored).toBeGreaterThan(60);
    expect(explored).toBeLessThan(140);
  });

  it("keeps every reward when two workers race on the same node", async () => {
    const store = new InMemoryPolicyStateStore();
    let conflicts = 0;
    const counting: PolicyStateStore = {
      load: (key) => store.load(key),
      save: async (key, state, expected) => {
        const result = await store.save(key, state, expected);
        if (!result.ok) conflicts++;
        return result;
      },
    };
    const workers = [1, 2].map((seed) => new LearningPolicy({ store: counting, random: seededRandom(seed) }));
    for (let i = 0; i < 25; i++) {
      // Both workers load the same version; one save loses and must reload and retry.
      await Promise.all(
        workers.map((worker, w) =>
          worker.update({ nodeId: "n", edgeId: "a", features: { plan: "pro" }, reward: (2 * i + w) % 5 === 0 ? 1 : 0 }),
        ),
      );
    }
    expect(conflicts).toBeGreaterThan(0);
    const stats = await (workers[0] as LearningPolicy).stats("n", ["a"]);
    expect(stats).toEqual([{ edgeId: "a", decisions: 50, meanReward: 0.2 }]);
  });
});
