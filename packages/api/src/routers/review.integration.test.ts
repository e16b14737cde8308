import { createTestDatabase, createUser, type TestDatabase } from "@northstar/db/testing";
import { installQueue } from "@northstar/runtime";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const HOUR = 3_600_000;

/**
 * The review queue's contract: what a reviewer sees of a parked customer, who may decide, and that a verdict resumes
 * the customer's step (for the same transition), once. Items are written as the runtime writes them on a REVIEW park.
 */
describe("review router", () => {
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let manager: { id: string };
  let marketer: { id: string };
  let journeyId: string;
  let versionId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    setup = await runtimeWorkspace(t.prisma, "purchase", { quietHours: null, bannedPhrases: ["free money"] });
    manager = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MANAGER" });
    marketer = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MARKETER" });
    ({ journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome"));
  });
  afterAll(() => t?.drop());

  /** A customer parked in REVIEW at `stepId`, as the runtime leaves them. */
  async function parked(stepId: string, seq = 1) {
    n += 1;
    const workspaceId = setup.workspace.id;
    const customer = await t.prisma.customer.create({
      data: { workspaceId, externalId: `c${n}`, email: `grace${n}@example.test`, traits: { plan: "trial" } },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: {
        workspaceId,
        journeyId,
        versionId,
        customerId: customer.id,
        state: "REVIEW",
        currentStepId: stepId,
        seq,
        waitingFor: "review",
      },
    });
    const at = { workspaceId, enrollmentId: enrollment.id, journeyId, versionId, stepId, seq, customerId: customer.id };
    return { customer, enrollment, at };
  }

  async function unsureDecision() {
    const p = await parked("choose");
    const decision = await t.prisma.decision.create({
      data: {
        ...p.at,
        policy: "learning",
        candidates: [
          { edgeId: "opt-a", label: "Email A" },
          { edgeId: "opt-b", label: "Email B" },
        ],
        removed: [{ edgeId: "opt-sms", reason: "eligibility: consent.sms eq true" }],
        scores: { "opt-a": 0.31, "opt-b": 0.34 },
        chosenEdgeId: "opt-b",
        explore: false,
        confidence: 0.41,
        rationale: "B scores a little higher for trial customers.",
        needsReview: true,
      },
    });
    const item = await t.prisma.reviewItem.create({
      data: {
        ...p.at,
        kind: "decision",
        decisionId: decision.id,
        reason: "confidence 0.41 is below the node's minimum 0.6",
        rationale: decision.rationale,
        createdAt: new Date(Date.now() - 30 * HOUR),
      },
    });
    return { ...p, decision, item };
  }

  async function heldEmail() {
    const p = await parked("email-a");
    const blocks = [{ code: "BANNED_PHRASE", reason: 'Uses the banned phrase "free money".' }];
    const item = await t.prisma.reviewItem.create({
      data: {
        ...p.at,
        kind: "deliverable",
        reason: blocks[0]?.reason ?? "",
        blocks,
        deliverable: {
          channel: "email",
          purpose: "marketing",
          subject: "Welcome Grace",
          body: "Hi Grace, free money inside.\n\n{{unsubscribe_url}}\n{{tracking_pixel}}",
          renderedBy: "template:welcome-A@1",
        },
      },
    });
    return { ...p, item };
  }

  const stepJob = async (enrollmentId: string) =>
    t.prisma.$queryRaw<{ payload: unknown }[]>`
      select payload from graphile_worker._private_jobs where key = ${`step:${enrollmentId}`}`;

  it("lists pending items with their context for every member, filtered by kind, status and journey", async () => {
    const decision = await unsureDecision();
    const held = await heldEmail();
    const items = await callerFor(t.prisma, marketer.id).review.list({ status: "PENDING" });
    const item = items.find((i) => i.id === decision.item.id);
    expect(item).toMatchObject({
      kind: "decision",
      status: "PENDING",
      journey: { id: journeyId, name: "Welcome" },
      step: { id: "choose", kind: "agent" },
      customer: { id: decision.customer.id, email: expect.stringMatching(/^g\*\*\*@example\.test$/) },
      reason: "confidence 0.41 is below the node's minimum 0.6",
      rationale: "B scores a little higher for trial customers.",
      proposedOption: { edgeId: "opt-b", label: "Email B" },
      candidates: [
        { edgeId: "opt-a", label: "Email A", score: 0.31 },
        { edgeId: "opt-b", label: "Email B", score: 0.34 },
      ],
      decision: { policy: "learning", confidence: 0.41, removed: [{ edgeId: "opt-sms" }] },
      deliverable: null,
      slaHours: 24,
      overdue: true,
    });
    expect(item?.ageHours).toBeGreaterThanOrEqual(30);
    expect(items.find((i) => i.id === held.item.id)).toMatchObject({
      kind: "deliverable",
      blocks: [{ code: "BANNED_PHRASE" }],
      deliverable: { channel: "email", subject: "Welcome Grace", body: expect.stringContaining("free money") },
      proposedOption: null,
      candidates: [],
      overdue: false,
    });
    const api = callerFor(t.prisma, manager.id);
    expect((await api.review.list({ kind: "deliverable" })).map((i) => i.id)).toContain(held.item.id);
    expect((await api.review.list({ kind: "deliverable" })).map((i) => i.id)).not.toContain(decision.item.id);
    expect(await api.review.list({ journeyId: "elsewhere" })).toEqual([]);
    expect(await api.review.list({ status: "APPROVED" })).toEqual([]);
    expect((await api.review.get({ id: held.item.id })).id).toBe(held.item.id);
    await expect(api.review.list({ kind: "nope" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets only managers and admins decide, and only in their workspace", async () => {
    const { item } = await unsureDecision();
    await expect(callerFor(t.prisma, marketer.id).review.approve({ id: item.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(t.prisma, marketer.id).review.reject({ id: item.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const other = await runtimeWorkspace(t.prisma);
    const outsider = callerFor(t.prisma, other.admin.id);
    await expect(outsider.review.get({ id: item.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.review.approve({ id: item.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await outsider.review.list()).toEqual([]);
    expect((await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("PENDING");
  });

  it("approves a decision with the reviewer's option, resumes the same transition, audits, and refuses a second verdict", async () => {
    const { item, enrollment, decision, customer } = await unsureDecision();
    const api = callerFor(t.prisma, manager.id);
    await expect(api.review.approve({ id: item.id, optionEdgeId: "opt-sms" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Is not one of the decision's eligible options",
    });
    await expect(
      api.review.approve({ id: item.id, edit: { body: "Hello {{unsubscribe_url}}" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await api.review.approve({ id: item.id, optionEdgeId: "opt-a", note: "A converts better" })).toEqual({
      id: item.id,
      status: "APPROVED",
      resumed: true,
    });
    const resumed = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(resumed).toMatchObject({ resumedBy: "review:approved:opt-a", seq: 1, state: "REVIEW" });
    expect(await stepJob(enrollment.id)).toEqual([{ payload: { enrollmentId: enrollment.id, seq: 1 } }]);
    const stored = await t.prisma.decision.findUniqueOrThrow({ where: { id: decision.id } });
    expect(stored).toMatchObject({
      chosenEdgeId: "opt-a",
      proposedEdgeId: "opt-b",
      rationale: "B scores a little higher for trial customers.",
    });
    expect(stored.attributionEndsAt?.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * HOUR);
    // The customer's timeline tells the agent's proposal from the reviewer's choice.
    const timeline = await callerFor(t.prisma, marketer.id).decisions.forCustomer({ customerId: customer.id });
    expect(timeline.entries.find((e) => e.id === decision.id)).toMatchObject({
      type: "decision",
      chosen: { edgeId: "opt-a", label: "Email A" },
      proposed: { edgeId: "opt-b", label: "Email B" },
      rationale: "B scores a little higher for trial customers.",
    });
    const view = await api.review.get({ id: item.id });
    expect(view).toMatchObject({ status: "APPROVED", approvedEdgeId: "opt-a", note: "A converts better" });
    expect(view.resolvedBy?.id).toBe(manager.id);
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: item.id } });
    expect(audit).toMatchObject({ action: "review.approve", actorId: manager.id, journeyId });
    expect(audit.summary).toContain('Approved "Email A" instead of "Email B"');

    await expect(api.review.approve({ id: item.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.review.reject({ id: item.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("re-lints an edited deliverable, refusing it with the failing field, then approves the clean edit", async () => {
    const { item, enrollment } = await heldEmail();
    const api = callerFor(t.prisma, manager.id);
    const refused = await api.review
      .approve({
        id: item.id,
        edit: { subject: "Free money for you", body: "Take 50% off today. {{unsubscribe_url}}" },
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "The edited message still breaks a guardrail" });
    const fieldErrors = (refused as { cause: { details: { fieldErrors: Record<string, string[]> } } }).cause.details
      .fieldErrors;
    expect(fieldErrors["edit.subject"]).toEqual(['Uses the banned phrase "free money".']);
    expect(fieldErrors["edit.body"]).toEqual(["Offers 50% off; the maximum is 20%."]);
    // The same banned phrase in both fields is an error under each.
    const twice = await api.review
      .approve({ id: item.id, edit: { subject: "Free money, Grace", body: "Hi, free money. {{unsubscribe_url}}" } })
      .catch((error: unknown) => error);
    expect((twice as { cause: { details: { fieldErrors: unknown } } }).cause.details.fieldErrors).toEqual({
      "edit.subject": ['Uses the banned phrase "free money".'],
      "edit.body": ['Uses the banned phrase "free money".'],
    });
    expect((await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("PENDING");

    const edit = { body: "Hi Grace, your welcome offer is inside.\n\n{{unsubscribe_url}}\n{{tracking_pixel}}" };
    expect(await api.review.approve({ id: item.id, edit })).toMatchObject({ status: "APPROVED", resumed: true });
    const view = await api.review.get({ id: item.id });
    expect(view.edited).toEqual(edit);
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).resumedBy).toBe(
      "review:approved",
    );
  });

  it("rejects with a note, resumes the customer with the rejection and never rewards the rejected decision", async () => {
    const { item, enrollment, decision } = await unsureDecision();
    const api = callerFor(t.prisma, manager.id);
    expect(await api.review.reject({ id: item.id, note: "Not for trial customers" })).toEqual({
      id: item.id,
      status: "REJECTED",
      resumed: true,
    });
    expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).resumedBy).toBe(
      "review:rejected",
    );
    expect(await stepJob(enrollment.id)).toHaveLength(1);
    expect((await t.prisma.decision.findUniqueOrThrow({ where: { id: decision.id } })).attributionEndsAt).toBeNull();
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: item.id } });
    expect(audit.action).toBe("review.reject");
  });

  it("resolves an item whose customer already left the step without resuming anyone", async () => {
    const { item, enrollment, decision, customer } = await unsureDecision();
    await t.prisma.enrollment.update({ where: { id: enrollment.id }, data: { state: "COMPLETED", seq: 2 } });
    expect(await callerFor(t.prisma, manager.id).review.approve({ id: item.id })).toMatchObject({
      status: "APPROVED",
      resumed: false,
    });
    expect(await stepJob(enrollment.id)).toEqual([]);
    // Approved as proposed: the agent's choice stood, so there is no separate proposal to show.
    const timeline = await callerFor(t.prisma, manager.id).decisions.forCustomer({ customerId: customer.id });
    expect(timeline.entries.find((e) => e.id === decision.id)).toMatchObject({
      chosen: { edgeId: "opt-b" },
      proposed: null,
    });
  });
});
