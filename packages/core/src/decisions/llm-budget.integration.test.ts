import { type FakeOpenAi, startFakeOpenAi } from "@northstar/agent/testing";
import { createPrismaClient, type PrismaClient } from "@northstar/db";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import type { DecisionInput } from "@northstar/engine";
import type { PlanStepOf } from "@northstar/journey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresBudgetLedger } from "./policy-state-store";
import { runtimeDecisionPolicy } from "./runtime-policy";
import { publishedJourney } from "./test-fixtures";

type Setup = Awaited<ReturnType<typeof publishedJourney>>;

function agentInput(setup: Setup, customerId: string): DecisionInput {
  const step = setup.plan.steps.find((s) => s.id === "choose") as PlanStepOf<"agent">;
  return {
    workspaceId: setup.workspaceId,
    journeyId: setup.journeyId,
    stepId: "choose",
    objective: setup.plan.objective,
    decision: { ...step.decision, policy: "llm" },
    customer: {
      id: customerId,
      email: null,
      phone: null,
      timeZone: "UTC",
      consent: { email: true, sms: true },
      traits: { plan: "trial" },
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

/**
 * The daily LLM budget as a reservation on PostgreSQL, against a real OpenAI-compatible server on 127.0.0.1 that
 * answers slowly, so that many calls are in flight at once from two "workers" (two clients, two policies).
 */
describe("the daily LLM budget with calls in flight", () => {
  let t: TestDatabase;
  let fake: FakeOpenAi;
  let second: PrismaClient;

  beforeAll(async () => {
    t = await createTestDatabase();
    second = createPrismaClient(t.url);
    fake = await startFakeOpenAi();
    // $0.00015 + $0.00018 per answer, after 300 ms.
    fake.reply = () => ({
      kind: "answer",
      content: JSON.stringify({ choice: "choose-sms", confidence: 0.9, rationale: "SMS suits trial customers." }),
      promptTokens: 1_000,
      completionTokens: 300,
      delayMs: 300,
    });
  });
  afterAll(async () => {
    await fake?.close();
    await second?.$disconnect();
    await t?.drop();
  });

  const llm = () => ({ apiKey: "test-key", baseURL: fake.baseURL, model: "test-model", timeoutMs: 5_000 });
  const spendOf = (workspaceId: string) => t.prisma.llmDailySpend.findFirstOrThrow({ where: { workspaceId } });

  it("never spends more than the budget, whatever the number of calls in flight, and releases every reservation", async () => {
    const budget = 0.004;
    const setup = await published(budget);
    const workers = [t.prisma, second].map((db) => runtimeDecisionPolicy({ db, llm: llm(), guardrailsTtlMs: 0 }));
    const before = fake.requests.length;
    let asked = 0;
    let refused = 0;
    // Waves of 40 decisions at once (20 per worker), until the budget refuses every call of a wave.
    for (let wave = 0; wave < 10; wave++) {
      const outputs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => workers[i % 2]?.choose(agentInput(setup, `c${wave}-${i}`))),
      );
      const byModel = outputs.filter((o) => o?.policy === "llm").length;
      asked += byModel;
      refused += outputs.filter((o) => o?.fallbackReason?.startsWith("budget_exhausted: ")).length;
      expect(byModel + outputs.filter((o) => o?.policy === "learning").length).toBe(40);
      if (byModel === 0) break;
    }
    const spend = await spendOf(setup.workspaceId);
    // Without reservations every call of the first wave would have started: 40 x $0.00033 = $0.0132.
    expect(spend.usd).toBeLessThanOrEqual(budget);
    expect(spend.usd).toBeGreaterThan(budget / 2);
    expect(spend.reservedUsd).toBeCloseTo(0, 12);
    expect(spend.calls).toBe(asked);
    expect(fake.requests.length - before).toBe(asked);
    expect(asked).toBeGreaterThan(1);
    expect(refused).toBeGreaterThan(0);
  });

  it("reserves in one statement: a reservation that would pass the budget is refused and changes nothing", async () => {
    const ledger = postgresBudgetLedger(t.prisma, "w-ledger");
    const results = await Promise.all(Array.from({ length: 30 }, () => ledger.reserve("2026-11-23", 0.1, 1)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, spentUsd: 0, reservedUsd: expect.closeTo(1, 9) });
    await Promise.all(Array.from({ length: 10 }, () => ledger.settle("2026-11-23", 0.1, 0.04, true)));
    expect(await ledger.spent("2026-11-23")).toBeCloseTo(0.4, 9);
    expect(await ledger.reserve("2026-11-23", 0.6, 1)).toEqual({ ok: true });
    expect(await ledger.reserve("2026-11-23", 0.01, 1)).toMatchObject({ ok: false });
    expect(await postgresBudgetLedger(t.prisma, "w-other").reserve("2026-11-23", 0.5, 1)).toEqual({ ok: true });
  });

  it("stops asking the model as soon as the budget is lowered after publishing", async () => {
    const setup = await published(10);
    const policy = runtimeDecisionPolicy({ db: t.prisma, llm: llm(), guardrailsTtlMs: 0 });
    expect((await policy.choose(agentInput(setup, "before"))).policy).toBe("llm");
    await t.prisma.workspace.update({
      where: { id: setup.workspaceId },
      data: { guardrails: { dailyLlmBudgetUsd: 0 } },
    });
    const before = fake.requests.length;
    const after = await policy.choose(agentInput(setup, "after"));
    expect(after).toMatchObject({ policy: "learning", fallbackReason: expect.stringMatching(/^budget_exhausted: /) });
    expect(fake.requests.length).toBe(before);
  });

  const published = (dailyLlmBudgetUsd: number) => publishedJourney(t.prisma, { dailyLlmBudgetUsd });
});
