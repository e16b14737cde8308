import { createTestDatabase, createUser, type TestDatabase } from "@northstar/db/testing";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const DAY = 86_400_000;

/** Decision explanations: one customer's timeline, and an agent node's option shares and outcomes per day. */
describe("decisions router", () => {
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let marketer: { id: string };
  let journeyId: string;
  let versionId: string;
  let customerId: string;
  let enrollmentId: string;
  const now = new Date();
  const daysAgo = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);

  beforeAll(async () => {
    t = await createTestDatabase();
    setup = await runtimeWorkspace(t.prisma);
    marketer = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MARKETER" });
    ({ journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome"));
    const workspaceId = setup.workspace.id;
    const customer = await t.prisma.customer.create({
      data: { workspaceId, externalId: "ada", email: "ada@example.test" },
    });
    customerId = customer.id;
    const enrollment = await t.prisma.enrollment.create({
      data: { workspaceId, journeyId, versionId, customerId, currentStepId: "goal", state: "COMPLETED" },
    });
    enrollmentId = enrollment.id;
    const decision = (seq: number, edgeId: string, createdAt: Date, reward: number | null, customer = customerId) => ({
      workspaceId,
      enrollmentId,
      journeyId,
      versionId,
      stepId: "choose",
      seq,
      customerId: customer,
      requestedPolicy: seq === 1 ? "llm" : "learning",
      policy: "learning",
      fallbackReason: seq === 1 ? "timeout: no answer within 8000 ms" : null,
      phase: seq === 1 ? ("exploring" as const) : ("confident" as const),
      propensity: 0.5,
      candidates: [
        { edgeId: "opt-a", label: "Email A" },
        { edgeId: "opt-b", label: "Email B" },
      ],
      removed: [{ edgeId: "opt-sms", reason: "eligibility: consent.sms eq true" }],
      scores: { "opt-a": 0.2, "opt-b": 0.3 },
      chosenEdgeId: edgeId,
      explore: seq === 1,
      confidence: 0.7,
      rationale: `Decision ${seq}.`,
      reward,
      rewardedAt: reward === null ? null : now,
      createdAt,
    });
    await t.prisma.decision.createMany({
      data: [
        decision(1, "opt-a", daysAgo(2), 1),
        decision(2, "opt-b", daysAgo(1), 0),
        decision(3, "opt-b", daysAgo(1, -1), 1, "someone-else"),
        decision(4, "opt-b", daysAgo(0), null, "someone-else"),
        decision(5, "opt-a", daysAgo(40), 1, "someone-else"),
      ],
    });
    await t.prisma.guardrailBlockLog.create({
      data: {
        workspaceId,
        enrollmentId,
        journeyId,
        stepId: "email-b",
        seq: 3,
        customerId,
        channel: "email",
        code: "FREQUENCY_CAP",
        reason: "3 email sends in the last 168 h across 2 journey(s) reach the cap of 3.",
        action: "skip",
        at: daysAgo(1, -2),
      },
    });
  });
  afterAll(() => t?.drop());

  it("lists a customer's decisions and guardrail blocks oldest first, with what each decision weighed", async () => {
    const timeline = await callerFor(t.prisma, marketer.id).decisions.forCustomer({ customerId });
    expect(timeline.customer).toEqual({ id: customerId, externalId: "ada", email: "a***@example.test" });
    expect(timeline.entries.map((e) => e.type)).toEqual(["decision", "decision", "guardrail_block"]);
    expect(timeline.entries[0]).toMatchObject({
      type: "decision",
      journey: { id: journeyId, name: "Welcome" },
      step: { id: "choose" },
      requestedPolicy: "llm",
      policy: "learning",
      fallbackReason: "timeout: no answer within 8000 ms",
      phase: "exploring",
      propensity: 0.5,
      candidates: [
        { edgeId: "opt-a", label: "Email A", score: 0.2 },
        { edgeId: "opt-b", label: "Email B", score: 0.3 },
      ],
      removed: [{ edgeId: "opt-sms", reason: "eligibility: consent.sms eq true" }],
      chosen: { edgeId: "opt-a", label: "Email A" },
      explore: true,
      confidence: 0.7,
      rationale: "Decision 1.",
      reward: 1,
    });
    expect(timeline.entries[2]).toMatchObject({
      type: "guardrail_block",
      step: { id: "email-b" },
      code: "FREQUENCY_CAP",
      action: "skip",
      reason: expect.stringContaining("across 2 journey(s)"),
    });
  });

  it("counts an agent node's choices and rewards per day and option, zeros included", async () => {
    const stats = await callerFor(t.prisma, marketer.id).decisions.nodeStats({ journeyId, stepId: "choose", days: 3 });
    expect(stats.stepName).toBeTruthy();
    expect(stats.series).toHaveLength(3 * 3);
    const option = { learned: 0, silent: false };
    expect(stats.options).toEqual([
      {
        edgeId: "opt-a",
        label: "Email A",
        chosen: 1,
        rewarded: 1,
        rewardSum: 1,
        rewardPerDecision: 1,
        open: 0,
        ...option,
      },
      {
        edgeId: "opt-b",
        label: "Email B",
        chosen: 3,
        rewarded: 2,
        rewardSum: 1,
        rewardPerDecision: 1 / 3,
        open: 1,
        ...option,
      },
      {
        edgeId: "opt-sms",
        label: "SMS",
        chosen: 0,
        rewarded: 0,
        rewardSum: 0,
        rewardPerDecision: null,
        open: 0,
        ...option,
      },
    ]);
    expect(stats.phases).toEqual({ exploring: 1, confident: 3 });
    expect(stats.messagesAvoided).toBe(0);
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const cell = (date: Date, edgeId: string) => stats.series.find((s) => s.day === day(date) && s.edgeId === edgeId);
    expect(cell(daysAgo(2), "opt-a")).toMatchObject({ chosen: 1, rewardPerDecision: 1 });
    expect(cell(now, "opt-a")).toMatchObject({ chosen: 0, rewarded: 0, rewardPerDecision: null });
    expect(stats.series.reduce((n, s) => n + s.chosen, 0)).toBe(4);
  });

  it("refuses bad input by field and keeps other workspaces out", async () => {
    const api = callerFor(t.prisma, marketer.id);
    await expect(api.decisions.nodeStats({ journeyId, stepId: "choose", days: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const other = await runtimeWorkspace(t.prisma);
    const outsider = callerFor(t.prisma, other.admin.id);
    await expect(outsider.decisions.forCustomer({ customerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.decisions.nodeStats({ journeyId, stepId: "choose" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(t.prisma, null).decisions.forCustomer({ customerId })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
