import { approveReviewItem, type DomainContext, rejectReviewItem } from "@northstar/core";
import type { TestDatabase } from "@northstar/db/testing";
import { type DecisionPolicy, uniformRandomPolicy } from "@northstar/engine";
import type { GuardrailsOverride } from "@northstar/journey";
import {
  agentNode,
  defineJourney,
  edge,
  entryNode,
  goalNode,
  messageNode,
  optionEdge,
} from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStep } from "./execute/run-step";
import type { WithClient } from "./execute/step-tx";
import { publishJourney, runtimeWorkspace, createStepDatabase, type StepDatabase } from "./testing";

const HOUR = 3_600_000;

/** entry -> one marketing email (template) -> goal. */
function emailJourney(text: string, subject = "Hello {{firstName}}") {
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: 0 }),
      messageNode("email", {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "offer",
          version: 1,
          subject,
          body: `<p>Hi {{firstName}}, ${text}</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
          variables: { firstName: "customer.firstName" },
        },
      }),
      goalNode("goal"),
    ],
    [edge("entry-email", "entry", "email"), edge("email-goal", "email", "goal")],
  );
}

/** entry -> an unsure agent (no fallback) choosing between two emails -> goal. */
function unsureAgentJourney() {
  const email = (id: string) =>
    messageNode(id, {
      channel: "email",
      purpose: "marketing",
      content: {
        mode: "template",
        templateId: id,
        version: 1,
        subject: `Offer ${id}`,
        body: '<p>Hello</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
        variables: {},
      },
    });
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: 0 }),
      agentNode("choose", { minConfidence: 0.99, exploration: 0 }),
      email("email-a"),
      email("email-b"),
      goalNode("goal"),
    ],
    [
      edge("entry-choose", "entry", "choose"),
      optionEdge("opt-a", "choose", "email-a", { label: "Offer A" }),
      optionEdge("opt-b", "choose", "email-b", { label: "Offer B" }),
      edge("a-goal", "email-a", "goal"),
      edge("b-goal", "email-b", "goal"),
    ],
  );
}

/** An IANA zone whose local hour is `hour` now (fixed-offset Etc/GMT zones; their sign is inverted). */
function zoneAtLocalHour(hour: number): string {
  let offset = (hour - new Date().getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return "UTC";
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/**
 * Every send guardrail through the runtime's step path (runStep on PostgreSQL): what it does to the customer, and
 * the block with its reason in GuardrailBlockLog (and the review item, for what a human must see).
 */
describe("guardrails in the runtime", () => {
  let db: StepDatabase;
  let t: TestDatabase;
  let withClient: WithClient;

  beforeAll(async () => {
    db = await createStepDatabase();
    ({ t, withClient } = db);
  });
  afterAll(async () => {
    await db?.close();
  });

  const deps = (policy: DecisionPolicy = uniformRandomPolicy()) => ({
    db: t.prisma,
    policy,
    workerId: "guardrails-test",
    publicUrl: "http://localhost:3000",
    sendMaxAttempts: 3,
  });

  async function workspace(guardrails: GuardrailsOverride) {
    return runtimeWorkspace(t.prisma, "purchase", { quietHours: null, ...guardrails });
  }

  async function customer(ctx: DomainContext, data: { timeZone?: string; consent?: Record<string, boolean> } = {}) {
    return t.prisma.customer.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        email: `c${Math.random().toString(36).slice(2)}@example.test`,
        traits: { firstName: "Ada", plan: "trial" },
        consent: data.consent ?? { email: true },
        timeZone: data.timeZone ?? "UTC",
      },
    });
  }

  async function enrolledAt(
    ctx: DomainContext,
    journey: { journeyId: string; versionId: string },
    customerId: string,
    stepId: string,
  ) {
    return t.prisma.enrollment.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        journeyId: journey.journeyId,
        versionId: journey.versionId,
        customerId,
        currentStepId: stepId,
        seq: 1,
      },
    });
  }

  const step = (enrollmentId: string, seq = 1, policy?: DecisionPolicy) =>
    runStep(deps(policy), withClient, { enrollmentId, seq });
  const blocksOf = (enrollmentId: string) =>
    t.prisma.guardrailBlockLog.findMany({ where: { enrollmentId }, orderBy: { at: "asc" } });
  const messagesOf = (enrollmentId: string) => t.prisma.message.findMany({ where: { enrollmentId } });

  it("caps sends per channel across journeys and logs the skip with its reason", async () => {
    const { ctx, objective } = await workspace({ frequencyCaps: [{ channel: "email", max: 1, windowHours: 24 }] });
    const first = await publishJourney(ctx, objective.id, emailJourney("welcome aboard."), "First");
    const second = await publishJourney(ctx, objective.id, emailJourney("one more thing."), "Second");
    const ada = await customer(ctx);
    const a = await enrolledAt(ctx, first, ada.id, "email");
    const b = await enrolledAt(ctx, second, ada.id, "email");

    expect(await step(a.id)).toMatch(/^queued email/);
    expect(await step(b.id)).toBe("blocked: FREQUENCY_CAP");
    expect(await messagesOf(b.id)).toEqual([]);
    const [block] = await blocksOf(b.id);
    expect(block).toMatchObject({ code: "FREQUENCY_CAP", action: "skip", channel: "email", customerId: ada.id });
    expect(block?.reason).toContain("across 1 journey(s)");
    expect(await blocksOf(a.id)).toEqual([]);
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: b.id } })).currentStepId).toBe("goal");
  });

  it("delays a send inside quiet hours in the customer's zone and sends at once in a zone where it is day", async () => {
    const { ctx, objective } = await workspace({ quietHours: { start: "21:00", end: "08:00", behaviour: "delay" } });
    const journey = await publishJourney(ctx, objective.id, emailJourney("good to see you."));
    const night = await customer(ctx, { timeZone: zoneAtLocalHour(2) });
    const day = await customer(ctx, { timeZone: zoneAtLocalHour(12) });
    const sleeping = await enrolledAt(ctx, journey, night.id, "email");
    const awake = await enrolledAt(ctx, journey, day.id, "email");

    expect(await step(sleeping.id)).toMatch(/^delayed until .*: QUIET_HOURS$/);
    const waiting = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: sleeping.id } });
    expect(waiting).toMatchObject({ state: "WAITING", seq: 1, currentStepId: "email" });
    // 08:00 local is 6 hours after 02:xx local.
    const wait = (waiting.waitUntil?.getTime() ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(5 * HOUR);
    expect(wait).toBeLessThanOrEqual(6 * HOUR);
    const [block] = await blocksOf(sleeping.id);
    expect(block).toMatchObject({ code: "QUIET_HOURS", action: "delay" });
    expect(block?.reason).toContain(night.timeZone);
    const jobs = await t.prisma.$queryRaw<{ run_at: Date }[]>`
      select run_at from graphile_worker._private_jobs where key = ${`step:${sleeping.id}`}`;
    expect(jobs[0]?.run_at.getTime()).toBe(waiting.waitUntil?.getTime());
    expect(await messagesOf(sleeping.id)).toEqual([]);

    expect(await step(awake.id)).toMatch(/^queued email/);
    expect(await blocksOf(awake.id)).toEqual([]);
  });

  it("skips a customer without consent for the channel, with the reason", async () => {
    const { ctx, objective } = await workspace({});
    const journey = await publishJourney(ctx, objective.id, emailJourney("hello."));
    const silent = await customer(ctx, { consent: { sms: true } });
    const enrollment = await enrolledAt(ctx, journey, silent.id, "email");
    expect(await step(enrollment.id)).toBe("blocked: NO_CONSENT");
    const [block] = await blocksOf(enrollment.id);
    expect(block).toMatchObject({ code: "NO_CONSENT", action: "skip", channel: "email" });
    expect(block?.reason).toMatch(/consent/i);
    expect(await messagesOf(enrollment.id)).toEqual([]);
  });

  it("holds a discount above the ceiling for review instead of sending it", async () => {
    const { ctx, objective } = await workspace({ maxDiscountPercent: 20 });
    const journey = await publishJourney(ctx, objective.id, emailJourney("take 35% off your next order."));
    const enrollment = await enrolledAt(ctx, journey, (await customer(ctx)).id, "email");
    expect(await step(enrollment.id)).toBe("awaiting review: DISCOUNT_ABOVE_MAX");
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).state).toBe("REVIEW");
    expect(await messagesOf(enrollment.id)).toEqual([]);
    const [block] = await blocksOf(enrollment.id);
    expect(block).toMatchObject({
      code: "DISCOUNT_ABOVE_MAX",
      action: "review",
      reason: "Offers 35% off; the maximum is 20%.",
    });
    const item = await t.prisma.reviewItem.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    expect(item).toMatchObject({ kind: "deliverable", status: "PENDING", stepId: "email", seq: 1 });
    expect(item.blocks).toEqual([
      { code: "DISCOUNT_ABOVE_MAX", reason: "Offers 35% off; the maximum is 20%.", fields: ["body"] },
    ]);
    expect(item.deliverable).toMatchObject({ channel: "email", subject: "Hello Ada", renderedBy: "template:offer@1" });
  });

  it("holds a banned phrase for review; the edited message is sent once approved, a rejected one never", async () => {
    const { ctx, objective } = await workspace({ bannedPhrases: ["free money"] });
    const journey = await publishJourney(ctx, objective.id, emailJourney("free money inside!"));
    const edited = await enrolledAt(ctx, journey, (await customer(ctx)).id, "email");
    const rejected = await enrolledAt(ctx, journey, (await customer(ctx)).id, "email");
    for (const e of [edited, rejected]) expect(await step(e.id)).toBe("awaiting review: BANNED_PHRASE");
    const [block] = await blocksOf(edited.id);
    expect(block).toMatchObject({
      code: "BANNED_PHRASE",
      action: "review",
      reason: 'Uses the banned phrase "free money".',
    });

    const itemOf = (enrollmentId: string) => t.prisma.reviewItem.findFirstOrThrow({ where: { enrollmentId } });
    const body = '<p>Hi Ada, a gift is waiting.</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>';
    expect(await approveReviewItem(ctx, { id: (await itemOf(edited.id)).id, edit: { body } })).toMatchObject({
      resumed: true,
    });
    expect(await step(edited.id)).toMatch(/^queued email/);
    const [sent] = await messagesOf(edited.id);
    expect(sent?.body).toContain("a gift is waiting");
    expect(sent?.body).not.toContain("free money");
    expect(sent?.body).toContain(`/t/u/${sent?.trackingToken}`);
    expect(sent?.subject).toBe("Hello Ada");
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: edited.id } })).currentStepId).toBe("goal");

    await rejectReviewItem(ctx, { id: (await itemOf(rejected.id)).id, note: "Off brand" });
    expect(await step(rejected.id)).toBe("skipped: reviewer rejected the message");
    expect(await messagesOf(rejected.id)).toEqual([]);
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: rejected.id } })).currentStepId).toBe("goal");
  });

  it("parks an unsure decision for review and follows the reviewer's option once approved", async () => {
    const { ctx, objective } = await workspace({});
    const journey = await publishJourney(ctx, objective.id, unsureAgentJourney());
    const approved = await enrolledAt(ctx, journey, (await customer(ctx)).id, "choose");
    const rejected = await enrolledAt(ctx, journey, (await customer(ctx)).id, "choose");
    // Past its learning phase, exploiting, and only 50% sure.
    const random = uniformRandomPolicy();
    const unsure: DecisionPolicy = {
      name: random.name,
      choose: async (input) => ({ ...(await random.choose(input)), explore: false, evidence: 100 }),
    };
    for (const e of [approved, rejected])
      expect(await step(e.id, 1, unsure)).toMatch(/^awaiting review: uniform_random proposed/);

    const item = await t.prisma.reviewItem.findFirstOrThrow({ where: { enrollmentId: approved.id } });
    const decision = await t.prisma.decision.findUniqueOrThrow({ where: { id: item.decisionId ?? "" } });
    expect(item).toMatchObject({
      kind: "decision",
      reason: "Unsure: only 50% sure, below the minimum 99%, and no fallback: a person decides.",
    });
    expect(decision).toMatchObject({
      phase: "unsure_review",
      requestedPolicy: "learning",
      propensity: null,
      needsReview: true,
      attributionEndsAt: null,
      features: { plan: "trial", timeZone: "UTC" },
    });
    const other = decision.chosenEdgeId === "opt-a" ? "opt-b" : "opt-a";

    await approveReviewItem(ctx, { id: item.id, optionEdgeId: other });
    expect(await step(approved.id)).toMatch(/^reviewer approved "Offer [AB]"$/);
    const moved = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: approved.id } });
    expect(moved).toMatchObject({ state: "ACTIVE", seq: 2, currentStepId: other === "opt-a" ? "email-a" : "email-b" });
    const credited = await t.prisma.decision.findUniqueOrThrow({ where: { id: decision.id } });
    expect(credited.chosenEdgeId).toBe(other);
    expect(credited.attributionEndsAt).not.toBeNull();

    const rejectedItem = await t.prisma.reviewItem.findFirstOrThrow({ where: { enrollmentId: rejected.id } });
    await rejectReviewItem(ctx, { id: rejectedItem.id });
    expect(await step(rejected.id)).toBe("reviewer rejected the decision");
    expect(await t.prisma.enrollment.findUniqueOrThrow({ where: { id: rejected.id } })).toMatchObject({
      state: "EXITED",
      exitReason: "review_rejected",
    });
  });
});
