import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { LearningPolicy } from "../bandit/learning-policy";
import type { DecisionInput } from "../policy/types";
import { seededRandom } from "../random";
import { InMemoryPolicyStateStore } from "../state/policy-state-store";
import { type FakeOpenAi, startFakeOpenAi } from "../testing/fake-openai-server";
import { InMemoryBudgetLedger } from "./budget";
import { LlmPolicy } from "./llm-policy";

const input: DecisionInput = {
  objective: { id: "o1", name: "Repeat purchase" },
  customer: { id: "c1", features: { plan: "pro", country: "FR" } },
  candidates: [
    { edgeId: "discount", label: "10% discount", description: "A discount on the next order" },
    { edgeId: "shipping", label: "Free shipping", description: "Free shipping on the next order" },
  ],
  node: { id: "j1/agent", exploration: 0.05, minConfidence: 0.6 },
  guardrails: { ...DEFAULT_GUARDRAILS, dailyLlmBudgetUsd: 1, bannedPhrases: ["guaranteed"] },
};

const answer = (choice: string, confidence = 0.8) =>
  ({
    kind: "answer",
    content: JSON.stringify({ choice, confidence, rationale: `Pro customers respond to ${choice}` }),
  }) as const;

let server: FakeOpenAi;
let budget: InMemoryBudgetLedger;
let fallbacks: { code: string; reason: string }[];

function policy(
  timeoutMs = 2_000,
  learning = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(1) }),
) {
  return new LlmPolicy({
    settings: { baseURL: server.baseURL, apiKey: "test-key", model: "test-model", timeoutMs },
    learning,
    budget,
    now: () => new Date("2026-03-01T10:00:00Z"),
    onFallback: (event) => fallbacks.push(event),
  });
}

beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
beforeEach(() => {
  budget = new InMemoryBudgetLedger();
  fallbacks = [];
  server.requests.length = 0;
});

describe("LlmPolicy against a real HTTP endpoint", () => {
  it("uses a valid structured answer and counts its cost", async () => {
    server.reply = () => answer("shipping", 0.82);
    const decision = await policy().choose(input);
    expect(decision).toMatchObject({ chosenEdgeId: "shipping", confidence: 0.82, policy: "llm", needsReview: false });
    expect(decision.rationale).toBe("Pro customers respond to shipping");
    expect(decision.fallbackReason).toBeUndefined();
    const request = server.requests[0]?.body as {
      model: string;
      messages: { content: string }[];
      response_format: unknown;
    };
    expect(request.model).toBe("test-model");
    expect(request.messages[1]?.content).toContain("Repeat purchase");
    expect(request.messages[1]?.content).toContain('id "shipping": Free shipping');
    expect(request.messages[1]?.content).toContain("Never use: guaranteed");
    expect(JSON.stringify(request.response_format)).toContain('"enum":["discount","shipping"]');
    // 1,000 prompt tokens at $0.15/M + 100 completion tokens at $0.60/M
    expect(await budget.spent("2026-03-01")).toBeCloseTo(0.00021, 8);
  });

  it("shows the model only the traits the node learns from, when the node names them", async () => {
    server.reply = () => answer("shipping", 0.82);
    await policy().choose({ ...input, node: { ...input.node, context: { traits: ["plan"] } } });
    const body = server.requests[0]?.body as { messages: { content: string }[] } | undefined;
    const prompt = body?.messages[1]?.content ?? "";
    expect(prompt).toContain('- plan: "pro"');
    expect(prompt).not.toContain("country");
  });

  it("lets a low-confidence answer stand while the node learns, and reports it unsure once it has evidence", async () => {
    server.reply = () => answer("discount", 0.3);
    expect(await policy().choose(input)).toMatchObject({
      chosenEdgeId: "discount",
      phase: "learning",
      needsReview: false,
    });
    const learning = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(1) });
    for (let i = 0; i < 80; i++) {
      const edgeId = i % 2 === 0 ? "discount" : "shipping";
      await learning.update({
        nodeId: "j1/agent",
        edgeId,
        features: input.customer.features,
        reward: i % 4 < 2 ? 1 : 0,
      });
    }
    expect(await policy(2_000, learning).choose(input)).toMatchObject({
      chosenEdgeId: "discount",
      phase: "unsure_review",
      needsReview: true,
    });
  });

  it.each([
    ["timeout", { kind: "hang" } as const],
    ["rate_limited", { kind: "status", status: 429 } as const],
    ["malformed_answer", { kind: "answer", content: "I think free shipping!" } as const],
    ["malformed_answer", { kind: "answer", content: JSON.stringify({ choice: "shipping" }) } as const],
    ["unknown_option", answer("loyalty_points")],
    ["llm_error", { kind: "status", status: 500 } as const],
  ])("falls back to the learning policy on %s and reports it", async (code, reply) => {
    server.reply = () => reply;
    const decision = await policy(300).choose(input);
    expect(decision.policy).toBe("learning");
    expect(decision.fallbackReason).toMatch(new RegExp(`^${code}: `));
    expect(["discount", "shipping"]).toContain(decision.chosenEdgeId);
    expect(fallbacks).toEqual([expect.objectContaining({ nodeId: "j1/agent", code })]);
    expect(server.requests).toHaveLength(1);
  });

  it("switches to the learning policy once what is left of the daily budget cannot cover a call's maximum", async () => {
    server.reply = () => ({ ...answer("shipping", 0.9), promptTokens: 1_000, completionTokens: 600 });
    await budget.record("2026-03-01", 0.9992);
    const llm = policy();
    expect((await llm.choose(input)).policy).toBe("llm");
    // The call cost $0.00051 of the $0.0008 left; its maximum (about $0.0005: the prompt's bytes and 600 answer
    // tokens) is more than what remains now, so the next call is refused before it starts.
    const after = await llm.choose(input);
    expect(after.policy).toBe("learning");
    expect(after.fallbackReason).toMatch(/^budget_exhausted: /);
    expect(after.fallbackReason).toContain("daily LLM budget of $1 spent");
    expect(server.requests).toHaveLength(1);
    expect(await budget.spent("2026-03-01")).toBeLessThanOrEqual(1);
  });

  it("never lets calls in flight together spend more than the budget", async () => {
    server.reply = () => ({ ...answer("shipping", 0.9), promptTokens: 900, completionTokens: 600 });
    await budget.record("2026-03-01", 0.995);
    const llm = policy();
    const decisions = await Promise.all(Array.from({ length: 12 }, () => llm.choose(input)));
    const asked = decisions.filter((d) => d.policy === "llm").length;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(12);
    expect(server.requests).toHaveLength(asked);
    expect(await budget.spent("2026-03-01")).toBeLessThanOrEqual(1);
  });
});
