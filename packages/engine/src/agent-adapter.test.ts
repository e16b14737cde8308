import type { PlanDecision } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import { agentDecisionInput, nodeKeyOf } from "./agent-adapter";
import type { DecisionInput } from "./policy";

const decision: PlanDecision = {
  decides: "path",
  policy: "learning",
  exploration: 0.1,
  minConfidence: 0.6,
  fallback: "e-a",
  options: [
    { edgeId: "e-a", label: "Offer", description: "10% off", eligibility: [], target: "a" },
    { edgeId: "e-b", label: "Nothing", description: "", eligibility: [], target: "b" },
  ],
};

const input = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  workspaceId: "w1",
  journeyId: "j1",
  stepId: "agent-1",
  objective: {
    id: "o1",
    name: "Repeat purchase",
    metric: { event: "Order Completed", aggregation: "count", windowDays: 30, direction: "increase" },
  },
  decision,
  customer: {
    id: "c1",
    email: "ada@example.com",
    phone: null,
    timeZone: "Europe/Paris",
    consent: { email: true },
    traits: {
      plan: "pro",
      lifetimeValue: 1_250_000,
      phoneNumber: "+33 6 12 34 56 78",
      address: { city: "Lyon" },
      preferences: { channel: "sms" },
    },
  },
  candidates: decision.options.map(({ edgeId, label, description, target }) => ({
    edgeId,
    label,
    description,
    target,
  })),
  history: [{ stepId: "agent-0", chosenEdgeId: "e-x", at: new Date("2026-12-01T10:00:00Z") }],
  now: new Date("2026-12-03T10:00:00Z"),
  ...overrides,
});

describe("agentDecisionInput", () => {
  it("keys the node and its history by journey and step, so learning survives republishing", () => {
    const agent = agentDecisionInput(input());
    expect(agent.node.id).toBe(nodeKeyOf("j1", "agent-1"));
    expect(agent.history).toEqual([{ nodeId: "j1/agent-0", edgeId: "e-x", at: "2026-12-01T10:00:00.000Z" }]);
  });

  it("gives the policy segment-like traits and the time zone, never identifying ones or consent", () => {
    const { features } = agentDecisionInput(input()).customer;
    expect(features).toEqual({
      plan: "pro",
      lifetimeValue: 1_250_000,
      "preferences.channel": "sms",
      timeZone: "Europe/Paris",
    });
  });

  it("reads the objective's attribution window as stored", () => {
    expect(agentDecisionInput(input()).objective.metric?.windowDays).toBe(30);
  });

  it("passes the node's learnsFrom to the policy only when the node sets one", () => {
    expect(agentDecisionInput(input()).node.context).toBeUndefined();
    const learnsFrom = { traits: ["plan", "lifetimeValue"], cuts: [{ trait: "lifetimeValue", at: [10_000, 100_000] }] };
    const agent = agentDecisionInput(input({ decision: { ...decision, learnsFrom } }));
    expect(agent.node.context).toEqual(learnsFrom);
  });
});
