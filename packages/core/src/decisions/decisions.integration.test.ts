import { LearningPolicy, optionStats, parseBanditState } from "@northstar/agent";
import { type FakeOpenAi, startFakeOpenAi } from "@northstar/agent/testing";
import { createPrismaClient } from "@northstar/db";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import type { DecisionInput } from "@northstar/engine";
import type { GuardrailsOverride, PlanStepOf } from "@northstar/journey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresPolicyStateStore } from "./policy-state-store";
import { runtimeDecisionPolicy } from "./runtime-policy";
import { publishedJourney } from "./test-fixtures";

describe("decisions on PostgreSQL", () => {
  let t: TestDatabase;
  let fake: FakeOpenAi;

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });

  const published = (guardrails: GuardrailsOverride = {}) => publishedJourney(t.prisma, guardrails);

  it("shares a node's state between two concurrent writers without losing an update, and keeps it for a new client", async () => {
    const { workspaceId } = await published();
    const writers = [0, 1].map(
      () => new LearningPolicy({ store: postgresPolicyStateStore(t.prisma, workspaceId), random: Math.random }),
    );
    // Each writer updates one after the other, as a worker does; the two race each other on every save.
    await Promise.all(
      writers.map(async (policy, w) => {
        for (let i = 0; i < 30; i++) {
          await policy.update({
            nodeId: "j/choose",
            edgeId: w === 0 ? "opt-a" : "opt-b",
            features: { plan: i % 2 === 0 ? "trial" : "pro" },
            reward: i % 3 === 0 ? 1 : 0,
          });
        }
      }),
    );

    const fresh = createPrismaClient(t.url);
    try {
      const stored = await postgresPolicyStateStore(fresh, workspaceId).load("j/choose");
      expect(stored?.version).toBe(60);
      const stats = optionStats(parseBanditState(stored?.state), ["opt-a", "opt-b"]);
      expect(stats.map((s) => s.decisions)).toEqual([30, 30]);
      expect(stats[0]?.meanReward).toBeCloseTo(10 / 30);
      // Another workspace's node of the same key is a different row.
      expect(await postgresPolicyStateStore(fresh, "another").load("j/choose")).toBeNull();
    } finally {
      await fresh.$disconnect();
    }
    const store = postgresPolicyStateStore(t.prisma, workspaceId);
    expect(await store.save("j/choose", {}, 59)).toEqual({ ok: false, reason: "version_conflict" });
    expect(await store.save("j/choose", {}, null)).toEqual({ ok: false, reason: "version_conflict" });
  });

  function agentInput(setup: Awaited<ReturnType<typeof publishedJourney>>, policy: "learning" | "llm"): DecisionInput {
    const step = setup.plan.steps.find((s) => s.id === "choose") as PlanStepOf<"agent">;
    return {
      workspaceId: setup.workspaceId,
      journeyId: setup.journeyId,
      stepId: "choose",
      objective: setup.plan.objective,
      decision: { ...step.decision, policy },
      customer: {
        id: "c1",
        email: "ada@example.test",
        phone: null,
        timeZone: "Europe/Paris",
        consent: { email: true, sms: true },
        traits: { plan: "trial", email: "ada@example.test" },
      },
      candidates: step.decision.options.map(({ edgeId, label, description, target }) => ({
        edgeId,
        label,
        description,
        target,
      })),
      history: [],
      now: new Date(),
    };
  }

  it("asks the model while the daily budget lasts, then decides with the built-in policy and says why", async () => {
    const setup = await published({ dailyLlmBudgetUsd: 0.1 });
    // 1M prompt tokens at the default $0.15 per million: one answer spends the whole budget.
    fake.reply = () => ({
      kind: "answer",
      content: JSON.stringify({ choice: "choose-sms", confidence: 0.9, rationale: "SMS suits trial customers." }),
      promptTokens: 1_000_000,
      completionTokens: 10,
    });
    const fallbacks: string[] = [];
    const policy = runtimeDecisionPolicy({
      db: t.prisma,
      llm: { apiKey: "test-key", baseURL: fake.baseURL, model: "test-model" },
      onFallback: (e) => fallbacks.push(e.code),
    });
    const before = fake.requests.length;
    const first = await policy.choose(agentInput(setup, "llm"));
    expect(first).toMatchObject({ chosenEdgeId: "choose-sms", policy: "llm", rationale: "SMS suits trial customers." });
    expect(fake.requests.length).toBe(before + 1);
    const prompt = JSON.stringify(fake.requests.at(-1)?.body);
    expect(prompt).toContain("test-model");
    expect(prompt).not.toContain("ada@example.test");

    const second = await policy.choose(agentInput(setup, "llm"));
    expect(second).toMatchObject({ policy: "learning", fallbackReason: expect.stringMatching(/^budget_exhausted: /) });
    expect(fake.requests.length).toBe(before + 1);
    expect(fallbacks).toEqual(["budget_exhausted"]);
    const spend = await t.prisma.llmDailySpend.findMany({ where: { workspaceId: setup.workspaceId } });
    expect(spend).toHaveLength(1);
    expect(spend[0]?.usd).toBeGreaterThanOrEqual(0.1);
  });

  it("tells the model the objective's description and the claims that need review, and only the traits allowed", async () => {
    const setup = await published({ claimsNeedingReview: ["cures insomnia"] });
    const journey = await t.prisma.journey.findUniqueOrThrow({ where: { id: setup.journeyId } });
    await t.prisma.objective.update({
      where: { id: journey.objectiveId },
      data: { description: "Trial customers who buy within two weeks" },
    });
    fake.reply = () => ({
      kind: "answer",
      content: JSON.stringify({ choice: "choose-sms", confidence: 0.9, rationale: "SMS suits trial customers." }),
    });
    const policy = runtimeDecisionPolicy({
      db: t.prisma,
      llm: { apiKey: "test-key", baseURL: fake.baseURL, model: "test-model" },
      guardrailsTtlMs: 0,
    });
    const promptOf = async () => {
      const before = fake.requests.length;
      await policy.choose(agentInput(setup, "llm"));
      return JSON.stringify(fake.requests.slice(before).map((r) => r.body));
    };
    const prompt = await promptOf();
    expect(prompt).toContain("Trial customers who buy within two weeks");
    expect(prompt).toContain("cures insomnia");
    expect(prompt).toContain('plan: \\"trial\\"');
    expect(prompt).not.toContain("ada@example.test");

    await t.prisma.workspace.update({
      where: { id: setup.workspaceId },
      data: { modelDataPolicy: { traits: "none" } },
    });
    const bare = await promptOf();
    expect(bare).not.toContain("trial");
    expect(bare).toContain("(no known traits)");
  });

  it("decides with the learning policy when no model is configured, whatever the node asks for", async () => {
    const setup = await published();
    const policy = runtimeDecisionPolicy({ db: t.prisma, llm: null });
    const before = fake.requests.length;
    const out = await policy.choose(agentInput(setup, "llm"));
    expect(out).toMatchObject({ policy: "learning", fallbackReason: expect.stringMatching(/^not_configured: /) });
    expect(["choose-email", "choose-sms"]).toContain(out.chosenEdgeId);
    expect(fake.requests.length).toBe(before);
    expect((await policy.choose(agentInput(setup, "learning"))).policy).toBe("learning");
  });
});
