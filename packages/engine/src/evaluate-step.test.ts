import type { PastSend } from "@northstar/agent";
import { compile, DEFAULT_GUARDRAILS, type ExecutionPlan, type Guardrails } from "@northstar/journey";
import { buildJourney, compileContext } from "@northstar/journey/testing";
import { describe, expect, it } from "vitest";
import { evaluateStep } from "./evaluate-step";
import type { DecisionResult } from "@northstar/agent";
import type { DecisionInput, DecisionPolicy } from "./policy";
import { reviewResumption } from "./review";
import type { CustomerView, EnrollmentState, PreparedMessage, StepPorts } from "./types";

function plan(): ExecutionPlan {
  const result = compile(buildJourney(), compileContext());
  if (!result.plan) throw new Error("fixture does not compile");
  return result.plan;
}

const PLAN = plan();
const step = (id: string) => {
  const found = PLAN.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

const customer = (overrides: Partial<CustomerView> = {}): CustomerView => ({
  id: "c1",
  email: "ada@example.test",
  phone: "+15550000",
  timeZone: "Europe/Paris",
  consent: { email: true, sms: true },
  traits: { plan: "trial" },
  unsubscribedAt: null,
  ...overrides,
});

const enrollment = (overrides: Partial<EnrollmentState> = {}): EnrollmentState => ({
  id: "e1",
  workspaceId: "w1",
  journeyId: "j1",
  versionId: "v1",
  holdout: false,
  seq: 3,
  waitUntil: null,
  waitingFor: null,
  resumedBy: null,
  ...overrides,
});

/** A policy that answers `answer` (by default: the first candidate, confidently, past the learning phase). */
const policyAnswering = (answer: Partial<DecisionResult>, asked?: (input: DecisionInput) => void): DecisionPolicy => ({
  name: "fixed",
  async choose(input) {
    asked?.(input);
    const { candidates } = input;
    const chosenEdgeId = answer.chosenEdgeId ?? candidates[0]?.edgeId ?? "";
    return {
      chosenEdgeId,
      scores: {},
      explore: false,
      confidence: 0.9,
      // Past the learning phase unless a test says otherwise.
      evidence: 500,
      phase: "confident",
      propensities: { [chosenEdgeId]: 0.9 },
      policy: "fixed",
      needsReview: false,
      removed: [],
      usedFallback: false,
      rationale: "because",
      ...answer,
    };
  },
});

function ports(
  overrides: Partial<StepPorts<string>> & { sends?: PastSend[]; prepared?: PreparedMessage<string> } = {},
): StepPorts<string> {
  return {
    policy: policyAnswering({}),
    defaultTimeZone: "UTC",
    decisionHistory: async () => [],
    recentSends: async () => overrides.sends ?? [],
    prepareMessage: async () => overrides.prepared ?? { ok: true, content: "rendered" },
    ...overrides,
  };
}

// 12:00 in Paris (UTC+1 in November): outside the default quiet hours 21:00-08:00.
const NOON_PARIS = new Date("2026-11-23T11:00:00Z");
const NIGHT_PARIS = new Date("2026-11-23T22:30:00Z");

const input = (
  id: string,
  overrides: { now?: Date; guardrails?: Guardrails } & Partial<{
    e: Partial<EnrollmentState>;
    c: Partial<CustomerView>;
  }> = {},
) => ({
  plan: PLAN,
  step: step(id),
  enrollment: enrollment(overrides.e),
  customer: customer(overrides.c),
  guardrails: overrides.guardrails ?? PLAN.guardrails,
  now: overrides.now ?? NOON_PARIS,
});

describe("agent steps", () => {
  it("advance on the policy's choice and return the decision to log", async () => {
    const out = await evaluateStep(input("choose"), ports({ policy: policyAnswering({ chosenEdgeId: "choose-sms" }) }));
    expect(out.result).toMatchObject({ type: "advance", edgeId: "choose-sms" });
    expect(out.decision).toMatchObject({
      chosenEdgeId: "choose-sms",
      requestedPolicy: "learning",
      policy: "fixed",
      phase: "confident",
      propensity: 0.9,
      needsReview: false,
    });
    expect(out.decision?.candidates.map((c) => c.edgeId)).toEqual(["choose-email", "choose-sms"]);
  });

  it("remove an ineligible option before the policy sees it, with the failing rule", async () => {
    const seen: string[][] = [];
    const spy = policyAnswering({ chosenEdgeId: "choose-email" }, (i) => seen.push(i.candidates.map((c) => c.edgeId)));
    const out = await evaluateStep(input("choose", { c: { consent: { email: true } } }), ports({ policy: spy }));
    expect(seen).toEqual([["choose-email"]]);
    expect(out.decision?.removed).toEqual([
      { edgeId: "choose-sms", label: "SMS", reason: "eligibility: consent.sms eq true" },
    ]);
  });

  it("take the fallback when the choice is less confident than the node's minimum and a fallback exists", async () => {
    const out = await evaluateStep(
      input("choose"),
      ports({ policy: policyAnswering({ chosenEdgeId: "choose-sms", confidence: 0.3 }) }),
    );
    expect(out.result).toMatchObject({ type: "advance", edgeId: "choose-email" });
    expect(out.decision).toMatchObject({ phase: "unsure_fallback", chosenEdgeId: "choose-email", propensity: null });
    expect(out.decision?.rationale).toContain("below the minimum 60%: took the fallback option");
  });

  it("let the policy's choice stand in the learning phase, however unsure, with or without a fallback", async () => {
    const noFallback = structuredClone(PLAN);
    const agent = noFallback.steps.find((s) => s.id === "choose");
    if (agent?.kind !== "agent") throw new Error("fixture");
    agent.decision.fallback = null;
    const coldStart = ports({ policy: policyAnswering({ chosenEdgeId: "choose-sms", confidence: 0.3, evidence: 3 }) });
    for (const base of [input("choose"), { ...input("choose"), plan: noFallback, step: agent }]) {
      const out = await evaluateStep(base, coldStart);
      expect(out.result).toMatchObject({ type: "advance", edgeId: "choose-sms" });
      expect(out.decision).toMatchObject({ phase: "learning", needsReview: false, propensity: 0.9 });
      expect(out.decision?.rationale).toContain("Learning phase: the least-measured option has 3 of 30 outcomes");
    }
  });

  it("decide nothing for a holdout customer, so the policy never learns from someone it did not treat", async () => {
    const asked: string[] = [];
    const spy = policyAnswering({}, (i) => asked.push(i.customer.id));
    const out = await evaluateStep(input("choose", { e: { holdout: true } }), ports({ policy: spy }));
    expect(asked).toEqual([]);
    expect(out.decision).toBeUndefined();
    expect(out.result).toMatchObject({ type: "advance", edgeId: "choose-email", outcome: "holdout: no decision" });
  });

  it("let a choice made to explore stand after the learning phase", async () => {
    const exploring = ports({
      policy: policyAnswering({ chosenEdgeId: "choose-sms", confidence: 0.1, explore: true }),
    });
    const out = await evaluateStep(input("choose"), exploring);
    expect(out.result).toMatchObject({ type: "advance", edgeId: "choose-sms" });
    expect(out.decision).toMatchObject({ phase: "exploring", needsReview: false });
  });

  it("wait for a human when unsure without a fallback, then follow the reviewer's verdict", async () => {
    const noFallback = structuredClone(PLAN);
    const agent = noFallback.steps.find((s) => s.id === "choose");
    if (agent?.kind !== "agent") throw new Error("fixture");
    agent.decision.fallback = null;
    const base = { ...input("choose"), plan: noFallback, step: agent };
    const unsure = ports({ policy: policyAnswering({ chosenEdgeId: "choose-sms", confidence: 0.3 }) });
    const parked = await evaluateStep(base, unsure);
    expect(parked.result).toMatchObject({ type: "park", state: "REVIEW", review: { kind: "decision" } });
    expect(parked.decision).toMatchObject({ chosenEdgeId: "choose-sms", needsReview: true });

    const approved = {
      ...base,
      enrollment: enrollment({ resumedBy: reviewResumption({ approved: true, edgeId: "choose-sms" }) }),
    };
    const resumed = await evaluateStep(approved, unsure);
    expect(resumed.result).toMatchObject({ type: "advance", edgeId: "choose-sms" });
    expect(resumed.decision).toBeUndefined();

    const rejected = { ...base, enrollment: enrollment({ resumedBy: reviewResumption({ approved: false }) }) };
    expect((await evaluateStep(rejected, unsure)).result).toMatchObject({ type: "finish", reason: "review_rejected" });
  });

  it("refuse a policy answer that is not an eligible option", async () => {
    await expect(
      evaluateStep(input("choose"), ports({ policy: policyAnswering({ chosenEdgeId: "nope" }) })),
    ).rejects.toThrow(/not an eligible option/);
  });
});

describe("message steps", () => {
  it("send with the prepared content and move on", async () => {
    const out = await evaluateStep(input("welcome-email"), ports());
    expect(out.result).toMatchObject({ type: "advance", edgeId: "email-wait" });
    expect(out.send).toMatchObject({ intent: { channel: "email", to: "ada@example.test" }, content: "rendered" });
  });

  it("never message a holdout customer", async () => {
    const out = await evaluateStep(input("welcome-email", { e: { holdout: true } }), ports());
    expect(out.send).toBeUndefined();
    expect(out.result).toMatchObject({ type: "advance", outcome: "suppressed: holdout" });
  });

  it("skip at the frequency cap, counting sends of other journeys, with the reason", async () => {
    const sends = [1, 2, 3].map((d) => ({
      channel: "email" as const,
      at: new Date(NOON_PARIS.getTime() - d * 3_600_000),
      journeyId: d === 1 ? "other" : "j1",
    }));
    const out = await evaluateStep(input("welcome-email"), ports({ sends }));
    expect(out.send).toBeUndefined();
    expect(out.result).toMatchObject({ type: "advance", outcome: "blocked: FREQUENCY_CAP" });
    expect(out.blocks[0]?.reason).toContain("across 2 journey(s)");
  });

  it("delay a marketing send to the end of quiet hours in the customer's zone", async () => {
    const out = await evaluateStep(input("welcome-email", { now: NIGHT_PARIS }), ports());
    expect(out.send).toBeUndefined();
    expect(out.result).toMatchObject({ type: "park", state: "WAITING", until: new Date("2026-11-24T07:00:00Z") });
    expect(out.blocks.map((b) => b.code)).toEqual(["QUIET_HOURS"]);
  });

  it("skip during quiet hours when the guardrail says skip", async () => {
    const guardrails = {
      ...DEFAULT_GUARDRAILS,
      quietHours: { start: "21:00", end: "08:00", behaviour: "skip" as const },
    };
    const out = await evaluateStep(input("welcome-email", { now: NIGHT_PARIS, guardrails }), ports());
    expect(out.result).toMatchObject({ type: "advance", outcome: "blocked: QUIET_HOURS" });
  });

  it("skip without consent and without an address", async () => {
    const noConsent = await evaluateStep(input("welcome-email", { c: { consent: {} } }), ports());
    expect(noConsent.blocks.map((b) => b.code)).toEqual(["NO_CONSENT"]);
    const noAddress = await evaluateStep(input("welcome-email", { c: { email: null } }), ports());
    expect(noAddress.result).toMatchObject({ outcome: "skipped: no email address" });
  });

  it("hold a deliverable that fails its lint for review instead of sending it", async () => {
    const blocks = [{ code: "BANNED_PHRASE" as const, reason: 'Contains "free money".' }];
    const out = await evaluateStep(input("welcome-email"), ports({ prepared: { ok: false, blocks } }));
    expect(out.send).toBeUndefined();
    expect(out.result).toMatchObject({ type: "park", state: "REVIEW", review: { kind: "deliverable", blocks } });
  });

  it("send the approved deliverable after review, and skip a rejected one", async () => {
    const asked: boolean[] = [];
    const approvedPorts = ports({
      prepareMessage: async (_intent, { approved }) => {
        asked.push(approved);
        return { ok: true, content: "edited" };
      },
    });
    const approved = input("welcome-email", { e: { resumedBy: reviewResumption({ approved: true, edgeId: null }) } });
    expect((await evaluateStep(approved, approvedPorts)).send?.content).toBe("edited");
    expect(asked).toEqual([true]);
    const rejected = input("welcome-email", { e: { resumedBy: reviewResumption({ approved: false }) } });
    const out = await evaluateStep(rejected, approvedPorts);
    expect(out.send).toBeUndefined();
    expect(out.result).toMatchObject({ type: "advance", outcome: "skipped: reviewer rejected the message" });
  });
});

describe("wait steps", () => {
  it("park until the timeout, resume on the event, time out otherwise", async () => {
    const parked = await evaluateStep(input("wait-day"), ports());
    expect(parked.result).toMatchObject({
      type: "park",
      waitingFor: "report_created",
      until: new Date(NOON_PARIS.getTime() + 1_440 * 60_000),
    });
    const due = new Date(NOON_PARIS.getTime() - 1);
    const arrived = await evaluateStep(input("wait-day", { e: { waitUntil: due, resumedBy: "evt-1" } }), ports());
    expect(arrived.result).toMatchObject({ type: "advance", edgeId: "wait-goal" });
    const timedOut = await evaluateStep(input("wait-day", { e: { waitUntil: due } }), ports());
    expect(timedOut.result).toMatchObject({ type: "advance", edgeId: "wait-timeout" });
  });
});
