import { describe, expect, it } from "vitest";
import { type CustomerDecision, explainDecision, overruledText } from "./explain-decision";

const decision: CustomerDecision = {
  id: "d1",
  step: { id: "agent", name: "Pick a channel" },
  requestedPolicy: "learning",
  policy: "learning",
  fallbackReason: null,
  phase: "confident",
  candidates: [
    { edgeId: "e-email", label: "Email", score: 0.7 },
    { edgeId: "e-sms", label: "SMS", score: null },
  ],
  removed: [{ edgeId: "e-push", reason: "eligibility: consent.push eq true" }],
  chosen: { edgeId: "e-email", label: "Email" },
  proposed: null,
  explore: false,
  confidence: 0.7,
  rationale: "Email scored best.",
  needsReview: false,
  reward: 1,
};

describe("decision explanations", () => {
  it("lists the options the policy scored, then the removed ones with the rule that removed them", () => {
    const explained = explainDecision(decision, { "e-push": "Push" });
    expect(explained.chosenLabel).toBe("Email");
    expect(explained.stepName).toBe("Pick a channel");
    expect(explained.options).toEqual([
      { edgeId: "e-email", label: "Email", score: 0.7, chosen: true, removedBy: null },
      { edgeId: "e-sms", label: "SMS", score: null, chosen: false, removedBy: null },
      { edgeId: "e-push", label: "Push", score: null, chosen: false, removedBy: "eligibility: consent.push eq true" },
    ]);
    expect(explained).toMatchObject({ policy: "learning", fallbackReason: null, reward: 1 });
  });

  it("shows a removed option by the label logged with it, before any other name", () => {
    const logged = {
      ...decision,
      removed: [{ ...decision.removed[0], edgeId: "e-push", label: "Push note", reason: "r" }],
    };
    expect(explainDecision(logged, { "e-push": "Push" }).options[2]?.label).toBe("Push note");
  });

  it("shows a removed option by its edge id when its label is unknown", () => {
    expect(explainDecision(decision).options[2]?.label).toBe("e-push");
  });

  it("names the policy that answered and why the requested one did not, from the logged fields", () => {
    const fellBack = {
      ...decision,
      requestedPolicy: "llm",
      fallbackReason: "timeout: no answer within 8000 ms",
      phase: "learning" as const,
    };
    expect(explainDecision(fellBack)).toMatchObject({
      policy: "learning",
      requestedPolicy: "llm",
      fallbackReason: "timeout: no answer within 8000 ms",
      phase: "learning",
    });
    const noneEligible = { ...decision, policy: "fallback", fallbackReason: "no option was eligible" };
    expect(explainDecision(noneEligible)).toMatchObject({ policy: "fallback option", phase: "confident" });
  });

  it("says what the agent proposed when a reviewer chose another option", () => {
    expect(overruledText(decision)).toBeNull();
    const overruled = { ...decision, proposed: { edgeId: "e-sms", label: "SMS" } };
    expect(overruledText(overruled)).toBe("Agent proposed “SMS”; reviewer chose “Email”");
  });
});
