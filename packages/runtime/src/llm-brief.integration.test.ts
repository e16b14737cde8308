import { type FakeOpenAi, type FakeReply, startFakeOpenAi } from "@northstar/agent/testing";
import { type LlmConnection, updateModelDataPolicy } from "@northstar/core";
import type { TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import { defineJourney, edge, entryNode, goalNode, messageNode } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxAdapter } from "./channels/channel";
import { runStep } from "./execute/run-step";
import type { WithClient } from "./execute/step-tx";
import { sendMessage } from "./execute/send-message";
import { createStepDatabase, publishJourney, runtimeWorkspace, type StepDatabase } from "./testing";

/** Key message of the brief (messageNode's default): the versioned template takes its first sentence as subject. */
const KEY_MESSAGE = "Finish setting up your workspace to get your first report.";
const TEMPLATE_SUBJECT = "Finish setting up your workspace to get your first report";

/** entry -> a marketing email written from a brief (at most 10% off, unsubscribe link required) -> goal. */
const briefJourney = () =>
  defineJourney(
    [entryNode("entry", { holdoutShare: 0 }), messageNode("email"), goalNode("goal")],
    [edge("entry-email", "entry", "email"), edge("email-goal", "email", "goal")],
  );

const answer = (subject: string, body: string): FakeReply => ({
  kind: "answer",
  content: JSON.stringify({ subject, body }),
  promptTokens: 2_000,
  completionTokens: 500,
});

/**
 * A brief written per customer by the model, through the runtime's step path (runStep on PostgreSQL) with the LLM
 * configured against an OpenAI-compatible server on 127.0.0.1: the message sent is the model's, its cost lands in
 * the workspace's daily ledger, and a model that fails (429, timeout) leaves the versioned template to write it.
 */
describe("LLM-written briefs in the runtime", () => {
  let db: StepDatabase;
  let t: TestDatabase;
  let fake: FakeOpenAi;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let journey: { journeyId: string; versionId: string };
  let llm: LlmConnection;

  beforeAll(async () => {
    db = await createStepDatabase();
    t = db.t;
    fake = await startFakeOpenAi();
    llm = { apiKey: "test-key", baseURL: fake.baseURL, model: "brief-model", timeoutMs: 5_000 };
    setup = await runtimeWorkspace(t.prisma);
    journey = await publishJourney(setup.ctx, setup.objective.id, briefJourney(), "Brief onboarding");
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  /** A customer waiting at the brief's message step, as the entry step leaves them. */
  async function atMessageStep(name: string) {
    const customer = await t.prisma.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: name.toLowerCase(),
        email: `${name.toLowerCase()}@example.test`,
        traits: { firstName: name, plan: "trial" },
        consent: { email: true },
        timeZone: "UTC",
      },
    });
    return t.prisma.enrollment.create({
      data: {
        workspaceId: setup.workspace.id,
        journeyId: journey.journeyId,
        versionId: journey.versionId,
        customerId: customer.id,
        currentStepId: "email",
        seq: 1,
      },
    });
  }

  const step = (enrollmentId: string, connection: LlmConnection = llm) =>
    runStep(
      {
        db: t.prisma,
        policy: uniformRandomPolicy(),
        workerId: "llm-brief-test",
        publicUrl: "http://localhost:3000",
        sendMaxAttempts: 3,
        llm: connection,
      },
      db.withClient,
      { enrollmentId, seq: 1 },
    );
  const deliver = (messageId: string) =>
    sendMessage(
      { channels: { adapters: { email: outboxAdapter }, close: () => undefined }, maxAttempts: 3 },
      db.withClient,
      messageId,
    );
  const messageOf = (enrollmentId: string) => t.prisma.message.findFirstOrThrow({ where: { enrollmentId } });
  const spend = () => t.prisma.llmDailySpend.findMany({ where: { workspaceId: setup.workspace.id } });

  it("sends the message the model wrote from the brief and records its cost in the daily ledger", async () => {
    fake.reply = () =>
      answer(
        "Ada, your first report is one step away",
        "Hi Ada,\n\nTwo minutes of setup and your first report is ready. Take 10% off your first month.",
      );
    const before = fake.requests.length;
    const enrollment = await atMessageStep("Ada");

    expect(await step(enrollment.id)).toMatch(/^queued email/);
    expect(fake.requests.length).toBe(before + 1);
    const prompt = JSON.stringify(fake.requests.at(-1)?.body);
    expect(prompt).toContain("brief-model");
    expect(prompt).toContain(KEY_MESSAGE);
    expect(prompt).toContain("Discount: at most 10%");
    // The model sees no first name unless the workspace allows it; it writes the placeholder, filled in after.
    expect(prompt).not.toContain("Ada");
    expect(prompt).toContain("{{firstName}}");
    expect(prompt).not.toContain("ada@example.test");

    const message = await messageOf(enrollment.id);
    expect(message).toMatchObject({
      channel: "email",
      to: "ada@example.test",
      subject: "Ada, your first report is one step away",
      status: "PENDING",
      renderedBy: "llm",
    });
    expect(message.body).toContain("<p>Two minutes of setup and your first report is ready. Take 10% off");
    expect(message.body).not.toContain(KEY_MESSAGE);
    // The footer is the runtime's, not the model's to forget: a tracked unsubscribe link and an open pixel.
    expect(message.body).toContain(`/t/u/${message.trackingToken}`);
    expect(message.body).toContain(`/t/o/${message.trackingToken}`);
    expect(await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).toMatchObject({
      currentStepId: "goal",
      seq: 2,
    });

    // 2,000 prompt and 500 completion tokens at the default price ($0.15 and $0.60 per million).
    const [today] = await spend();
    expect(today).toMatchObject({ calls: 1 });
    expect(today?.usd).toBeCloseTo(0.0006, 8);
    expect(today?.day.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));

    expect(await deliver(message.id)).toBe("STORED");
  });

  it("falls back to the versioned brief template when the model answers 429, and still sends", async () => {
    fake.reply = () => ({ kind: "status", status: 429 });
    const before = fake.requests.length;
    const enrollment = await atMessageStep("Grace");

    expect(await step(enrollment.id)).toMatch(/^queued email/);
    expect(fake.requests.length).toBe(before + 1);
    const message = await messageOf(enrollment.id);
    expect(message.subject).toBe(TEMPLATE_SUBJECT);
    expect(message.renderedBy).toMatch(/^template:brief@\d+ \(llm fallback: .+\)$/);
    expect(message.body).toContain("Hi Grace,");
    expect(message.body).toContain(KEY_MESSAGE);
    expect(message.body).toContain("Your offer: up to 10% off.");
    expect(message.body).toContain(`/t/u/${message.trackingToken}`);
    // A refused call costs nothing: the ledger holds only the first test's answer.
    expect((await spend()).map((s) => s.calls)).toEqual([1]);
    expect(await deliver(message.id)).toBe("STORED");
  });

  it("falls back to the template when the model does not answer in time, and still sends", async () => {
    fake.reply = () => ({ kind: "hang" });
    const enrollment = await atMessageStep("Linus");
    const started = Date.now();

    expect(await step(enrollment.id, { ...llm, timeoutMs: 300 })).toMatch(/^queued email/);
    expect(Date.now() - started).toBeLessThan(4_000);
    const message = await messageOf(enrollment.id);
    expect(message.subject).toBe(TEMPLATE_SUBJECT);
    expect(message.renderedBy).toMatch(/\(llm fallback: .+\)$/);
    expect(message.body).toContain("Hi Linus,");
    expect(message.body).toContain("Your offer: up to 10% off.");
    expect((await spend()).map((s) => s.calls)).toEqual([1]);
    expect(await deliver(message.id)).toBe("STORED");
    expect((await t.prisma.message.findUniqueOrThrow({ where: { id: message.id } })).sentAt).not.toBeNull();
  });

  it("stops writing briefs with the model as soon as the budget is lowered after publishing", async () => {
    const workspace = await t.prisma.workspace.findUniqueOrThrow({ where: { id: setup.workspace.id } });
    await t.prisma.workspace.update({
      where: { id: setup.workspace.id },
      data: { guardrails: { ...(workspace.guardrails as object), dailyLlmBudgetUsd: 0 } },
    });
    try {
      fake.reply = () => answer("Ada, your report", "Hi Ada,\n\nYour report is ready.");
      const before = fake.requests.length;
      const enrollment = await atMessageStep("Barbara");
      expect(await step(enrollment.id)).toMatch(/^queued email/);
      expect(fake.requests.length).toBe(before);
      const message = await messageOf(enrollment.id);
      expect(message.subject).toBe(TEMPLATE_SUBJECT);
      expect(message.renderedBy).toMatch(/\(llm fallback: budget_exhausted: daily LLM budget of \$0 spent/);
    } finally {
      await t.prisma.workspace.update({
        where: { id: setup.workspace.id },
        data: { guardrails: workspace.guardrails ?? {} },
      });
    }
  });

  it("holds no database connection while the model writes the brief", async () => {
    let borrowed = 0;
    let borrowedDuringCall: number | null = null;
    const counting: WithClient = (work) =>
      db.withClient(async (client) => {
        borrowed += 1;
        try {
          return await work(client);
        } finally {
          borrowed -= 1;
        }
      });
    fake.reply = () => {
      borrowedDuringCall = borrowed;
      return { ...answer("Ada, your report", "Hi Ada,\n\nYour report is ready."), delayMs: 200 };
    };
    const enrollment = await atMessageStep("Katherine");
    const deps = {
      db: t.prisma,
      policy: uniformRandomPolicy(),
      workerId: "llm-brief-test",
      publicUrl: "http://localhost:3000",
      sendMaxAttempts: 3,
      llm,
    };
    expect(await runStep(deps, counting, { enrollmentId: enrollment.id, seq: 1 })).toMatch(/^queued email/);
    expect(borrowedDuringCall).toBe(0);
    expect((await messageOf(enrollment.id)).renderedBy).toBe("llm");
  });

  it("sends the model no personal value of the customer, the first name only where the admin allows it", async () => {
    const personal = {
      firstName: "Hedy",
      lastName: "Kiesler",
      birthday: "1914-11-09",
      username: "hedy.lamarr",
      altPhone: "+1 310 555 0199",
      backupContact: "hedy.backup@example.test",
      work: { mobile: "0612345678", title: "inventor" },
    };
    const seeded = [
      "Hedy",
      "Kiesler",
      "1914-11-09",
      "hedy.lamarr",
      "310 555 0199",
      "hedy.backup@example.test",
      "0612345678",
    ];
    const enrollWith = async (externalId: string) => {
      const customer = await t.prisma.customer.create({
        data: {
          workspaceId: setup.workspace.id,
          externalId,
          email: `${externalId}@example.test`,
          phone: "+33 6 00 00 00 01",
          traits: { ...personal, plan: "trial" },
          consent: { email: true },
          timeZone: "UTC",
        },
      });
      return t.prisma.enrollment.create({
        data: { workspaceId: setup.workspace.id, ...journey, customerId: customer.id, currentStepId: "email", seq: 1 },
      });
    };
    fake.reply = () => answer("Hi {{firstName}}", "Hi {{firstName}},\n\nYour report is ready.");
    const before = fake.requests.length;
    const first = await enrollWith("hedy-1");
    expect(await step(first.id)).toMatch(/^queued email/);
    const sent = JSON.stringify(fake.requests.slice(before).map((r) => r.body));
    for (const value of [...seeded, "hedy-1@example.test", "+33 6 00 00 00 01"]) expect(sent).not.toContain(value);
    expect(sent).toContain('plan: \\"trial\\"');
    expect(sent).toContain('work.title: \\"inventor\\"');
    // The placeholder is filled after the model answered: the customer still reads their name.
    expect((await messageOf(first.id)).subject).toBe("Hi Hedy");

    await updateModelDataPolicy(setup.ctx, { traits: "all_except_personal", firstName: true });
    try {
      const allowed = fake.requests.length;
      const second = await enrollWith("hedy-2");
      expect(await step(second.id)).toMatch(/^queued email/);
      const withName = JSON.stringify(fake.requests.slice(allowed).map((r) => r.body));
      expect(withName).toContain('firstName: \\"Hedy\\"');
      for (const value of seeded.slice(1)) expect(withName).not.toContain(value);
    } finally {
      await updateModelDataPolicy(setup.ctx, {});
    }
  });

  it("states the objective's description and the claims that need review in the brief's prompt", async () => {
    await t.prisma.objective.update({
      where: { id: setup.objective.id },
      data: { description: "Trial customers who buy a first plan" },
    });
    const workspace = await t.prisma.workspace.findUniqueOrThrow({ where: { id: setup.workspace.id } });
    await t.prisma.workspace.update({
      where: { id: setup.workspace.id },
      data: { guardrails: { ...(workspace.guardrails as object), claimsNeedingReview: ["doubles your sales"] } },
    });
    // Published with the claim: the brief is linted, and so prompted, with the plan's guardrails.
    const claims = await publishJourney(setup.ctx, setup.objective.id, briefJourney(), "Brief with claims");
    fake.reply = () => answer("Your report", "Hi {{firstName}},\n\nYour report is ready.");
    const before = fake.requests.length;
    const enrollment = await atMessageStep("Mary");
    await t.prisma.enrollment.update({ where: { id: enrollment.id }, data: claims });
    await step(enrollment.id);
    const prompt = JSON.stringify(fake.requests.slice(before).map((r) => r.body));
    expect(prompt).toContain("Trial customers who buy a first plan");
    expect(prompt).toContain("doubles your sales");
    await t.prisma.workspace.update({
      where: { id: setup.workspace.id },
      data: { guardrails: workspace.guardrails ?? {} },
    });
  });
});
