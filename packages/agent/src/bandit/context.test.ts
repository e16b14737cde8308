import { describe, expect, it } from "vitest";
import type { DecisionInput } from "../policy/types";
import { seededRandom } from "../random";
import { contextOf, unitsOf } from "./context";
import { activeFeatures } from "./probit";
import { emptyBanditState, parseBanditState } from "./state";
import { applyReward, decide } from "./thompson";

describe("unitsOf", () => {
  it("encodes a number as the power-of-two thresholds it reaches, so neighbouring buckets share all but one unit", () => {
    expect(unitsOf("tenureMonths", 1)).toEqual(["tenureMonths>=1"]);
    expect(unitsOf("tenureMonths", 3)).toEqual(["tenureMonths>=1", "tenureMonths>=2"]);
    const sixteen = ["tenureMonths>=1", "tenureMonths>=2", "tenureMonths>=4", "tenureMonths>=8", "tenureMonths>=16"];
    expect(unitsOf("tenureMonths", 16)).toEqual(sixteen);
    expect(unitsOf("tenureMonths", 31)).toEqual(sixteen);
    expect(unitsOf("tenureMonths", 40)).toEqual([...sixteen, "tenureMonths>=32"]);
  });

  it("gives numbers below one, negatives and missing values a unit of their own", () => {
    expect(unitsOf("tenureMonths", 0)).toEqual(["tenureMonths<1"]);
    expect(unitsOf("tenureMonths", 0.5)).toEqual(["tenureMonths<1"]);
    expect(unitsOf("tenureMonths", -3)).toEqual(["tenureMonths=neg"]);
    expect(unitsOf("tenureMonths", null)).toEqual(["tenureMonths=none"]);
    expect(unitsOf("tenureMonths", undefined)).toEqual(["tenureMonths=none"]);
    expect(unitsOf("tenureMonths", Number.NaN)).toEqual(["tenureMonths=none"]);
    expect(unitsOf("tenureMonths", Number.POSITIVE_INFINITY)).toEqual(["tenureMonths=none"]);
  });

  it("keeps text, booleans and numbers with explicit bins as one unit per value", () => {
    expect(unitsOf("plan", "pro")).toEqual(["plan=pro"]);
    expect(unitsOf("vip", true)).toEqual(["vip=true"]);
    expect(unitsOf("age", 30, [18, 35, 65])).toEqual(["age=<35"]);
    expect(unitsOf("age", 70, [18, 35, 65])).toEqual(["age=>=65"]);
  });
});

describe("contextOf", () => {
  it("groups a customer's units by feature, in name order or the configured order", () => {
    const features = { tenureMonths: 5, plan: "pro" };
    expect(contextOf(features)).toEqual([["plan=pro"], ["tenureMonths>=1", "tenureMonths>=2", "tenureMonths>=4"]]);
    expect(contextOf(features, { features: ["tenureMonths", "region"] })).toEqual([
      ["tenureMonths>=1", "tenureMonths>=2", "tenureMonths>=4"],
      ["region=none"],
    ]);
  });
});

describe("activeFeatures", () => {
  it("pairs units of different features only", () => {
    expect(activeFeatures([[0], [1, 2]])).toEqual(["*", "0", "1", "2", "0.1", "0.2"]);
    expect(activeFeatures([[1, 2]])).toEqual(["*", "1", "2"]);
  });
});

describe("threshold units", () => {
  const input = (tenureMonths: number): DecisionInput => ({
    objective: { id: "o1", name: "Repeat purchase" },
    customer: { id: "c1", features: { tenureMonths } },
    candidates: [
      { edgeId: "long", label: "Loyalty points", description: "" },
      { edgeId: "short", label: "Welcome offer", description: "" },
    ],
    node: { id: "n", exploration: 0, minConfidence: 0.6 },
  });

  it("carry what one bucket taught to the next one up, which no customer has reached yet", () => {
    // Customers of 2-3 months convert on "short", of 16-31 months on "long"; none is older than 31 months.
    const rewards = seededRandom(1);
    let state = emptyBanditState();
    for (let i = 0; i < 800; i++) {
      const tenureMonths = i % 2 === 0 ? 2 : 20;
      const edgeId = i % 4 < 2 ? "long" : "short";
      const rate = (tenureMonths === 20) === (edgeId === "long") ? 0.4 : 0.05;
      state = applyReward(state, { nodeId: "n", edgeId, features: { tenureMonths }, reward: rewards() < rate ? 1 : 0 });
    }
    const decision = decide(state, input(40), seededRandom(2));
    expect(decision.chosenEdgeId).toBe("long");
    expect(decision.scores.long).toBeGreaterThan((decision.scores.short as number) + 0.1);
    // The rationale names the customer's most specific unit.
    expect(decision.rationale).toContain("tenureMonths>=32");
  });

  it("restart learning from a state stored with one bucket per number", () => {
    const older = { format: "probit-laplace/2", buckets: ["tenureMonths=16-31"], contexts: [[0]], options: {} };
    expect(parseBanditState(older)).toEqual(emptyBanditState());
  });
});
