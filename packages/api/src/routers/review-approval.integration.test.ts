import { createTestDatabase, createUser, type TestDatabase } from "@northstar/db/testing";
import { installQueue } from "@northstar/runtime";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const FOOTER = "\n\n{{unsubscribe_url}}\n{{tracking_pixel}}";

/**
 * What a reviewer may approve of a held message: hard blocks (banned phrase, discount above the ceiling) are never
 * approved as written, only edited away or rejected; soft ones (claims that need review) may be, with a reason that
 * the audit trail keeps beside the approver.
 */
describe("approving a held message", () => {
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let manager: { id: string };
  let journey: { journeyId: string; versionId: string };
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    setup = await runtimeWorkspace(t.prisma, "purchase", {
      quietHours: null,
      bannedPhrases: ["free money"],
      claimsNeedingReview: ["clinically proven"],
      maxDiscountPercent: 20,
    });
    manager = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MANAGER" });
    journey = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome");
  });
  afterAll(() => t?.drop());

  /** A customer parked in REVIEW at the email step with `body` held, as the runtime leaves them. */
  async function held(body: string, subject = "Welcome Grace") {
    n += 1;
    const workspaceId = setup.workspace.id;
    const customer = await t.prisma.customer.create({
      data: { workspaceId, externalId: `held-${n}`, email: `grace${n}@example.test`, traits: {} },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: {
        workspaceId,
        ...journey,
        customerId: customer.id,
        state: "REVIEW",
        currentStepId: "email-a",
        seq: 1,
        waitingFor: "review",
      },
    });
    const item = await t.prisma.reviewItem.create({
      data: {
        workspaceId,
        ...journey,
        enrollmentId: enrollment.id,
        customerId: customer.id,
        stepId: "email-a",
        seq: 1,
        kind: "deliverable",
        reason: "held by the content lint",
        deliverable: { channel: "email", purpose: "marketing", subject, body, renderedBy: "llm" },
      },
    });
    return { item, enrollment };
  }

  const api = () => callerFor(t.prisma, manager.id);
  const stateOf = async (itemId: string, enrollmentId: string) => ({
    status: (await t.prisma.reviewItem.findUniqueOrThrow({ where: { id: itemId } })).status,
    resumedBy: (await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).resumedBy,
    audits: await t.prisma.auditEntry.count({ where: { entityId: itemId } }),
  });

  it.each([
    ["a banned phrase", "Hi Grace, free money inside.", "BANNED_PHRASE"],
    ["a discount above the ceiling", "Hi Grace, take 40% off today.", "DISCOUNT_ABOVE_MAX"],
  ])("refuses to approve %s as written, changing nothing", async (_what, body, code) => {
    const { item, enrollment } = await held(body + FOOTER);
    const refused = await api()
      .review.approve({ id: item.id, note: "Looks fine to me" })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: "This message breaks a guardrail: edit it until it passes, or reject it",
    });
    const { details } = (refused as { cause: { details: { blocks: { code: string }[] } } }).cause;
    expect(details.blocks.map((b) => b.code)).toEqual([code]);
    expect(await stateOf(item.id, enrollment.id)).toEqual({ status: "PENDING", resumedBy: null, audits: 0 });

    // The reviewer's ways out: an edit that passes, or a rejection.
    const edit = { body: `Hi Grace, your welcome offer is inside.${FOOTER}` };
    expect(await api().review.approve({ id: item.id, edit })).toMatchObject({ status: "APPROVED", resumed: true });
  });

  it("rejects a held message that breaks a hard guardrail", async () => {
    const { item, enrollment } = await held(`Free money, Grace.${FOOTER}`);
    expect(await api().review.reject({ id: item.id, note: "Off brand" })).toMatchObject({ status: "REJECTED" });
    expect(await stateOf(item.id, enrollment.id)).toMatchObject({ status: "REJECTED", resumedBy: "review:rejected" });
  });

  it("approves a claim that needs review as written only with a reason, kept in the audit trail with the approver", async () => {
    const { item, enrollment } = await held(`Our serum is clinically proven, Grace.${FOOTER}`);
    const silent = await api()
      .review.approve({ id: item.id })
      .catch((error: unknown) => error);
    expect(silent).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      (silent as { cause: { details: { fieldErrors: Record<string, string[]> } } }).cause.details.fieldErrors,
    ).toHaveProperty("note");
    expect(await stateOf(item.id, enrollment.id)).toMatchObject({ status: "PENDING", audits: 0 });

    const reason = "Trial NCT-123 backs the claim; legal signed off";
    expect(await api().review.approve({ id: item.id, note: reason })).toMatchObject({ status: "APPROVED" });
    expect(await stateOf(item.id, enrollment.id)).toMatchObject({ status: "APPROVED", resumedBy: "review:approved" });
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: item.id } });
    expect(audit).toMatchObject({ action: "review.approve", actorId: manager.id });
    expect(audit.summary).toContain("Approved the message as written with a claim accepted");
    expect(audit.changes).toMatchObject({
      reason,
      acceptedClaims: ['Makes the claim "clinically proven", which a person must review.'],
    });
  });

  it("lets an edit remove the hard block and keep a claim, once the reviewer gives a reason", async () => {
    const { item } = await held(`Free money: clinically proven results.${FOOTER}`);
    const edit = { body: `Clinically proven results, Grace.${FOOTER}` };
    await expect(api().review.approve({ id: item.id, edit })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await api().review.approve({ id: item.id, edit, note: "Backed by our trial" })).toMatchObject({
      status: "APPROVED",
    });
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: item.id } });
    expect(audit.summary).toContain("Approved an edited message with a claim accepted");
  });
});
