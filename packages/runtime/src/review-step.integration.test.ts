import {
  approveReviewItem,
  type DomainContext,
  enqueue,
  listReviewItems,
  rejectReviewItem,
  stepJobKey,
  TASKS,
} from "@northstar/core";
import { createUser, type TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import {
  defineJourney,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  reviewNode,
} from "@northstar/journey/testing";
import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxAdapter } from "./channels/channel";
import { runtimeTaskList } from "./tasks/runtime-tasks";
import { createStepDatabase, publishJourney, runtimeWorkspace, type StepDatabase } from "./testing";

/**
 * entry -> review "approve-offer" (a manager, 4 h SLA) -> approved: the VIP offer email -> goal;
 * rejected (handle "rejected"): exit without the offer.
 */
function reviewedOfferJourney() {
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: 0 }),
      reviewNode("approve-offer", { approverRole: "manager", slaHours: 4 }, { name: "Approve the VIP offer" }),
      messageNode("offer", {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "vip-offer",
          version: 1,
          subject: "A VIP offer for you, {{firstName}}",
          body: '<p>Hi {{firstName}}, your VIP offer is here.</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
          variables: { firstName: "customer.firstName" },
        },
      }),
      goalNode("goal"),
      exitNode("declined"),
    ],
    [
      edge("entry-review", "entry", "approve-offer"),
      edge("review-offer", "approve-offer", "offer"),
      edge("review-declined", "approve-offer", "declined", { sourceHandle: "rejected" }),
      edge("offer-goal", "offer", "goal"),
    ],
  );
}

/**
 * A review node through the runtime: the worker runs the customer's steps (graphile-worker's runOnce with the
 * runtime's tasks) until they wait in REVIEW; the item is read from the review queue as the API reads it, a manager
 * decides, and the worker takes the customer down the approved branch (or the rejected one).
 */
describe("review step in the runtime", () => {
  let db: StepDatabase;
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let manager: DomainContext;
  let marketer: DomainContext;
  let journey: { journeyId: string; versionId: string };

  beforeAll(async () => {
    db = await createStepDatabase();
    t = db.t;
    setup = await runtimeWorkspace(t.prisma);
    const as = async (role: "MANAGER" | "MARKETER"): Promise<DomainContext> => {
      const user = await createUser(t.prisma, { workspaceId: setup.workspace.id, role });
      return { db: t.prisma, actor: { userId: user.id, workspaceId: setup.workspace.id, role } };
    };
    manager = await as("MANAGER");
    marketer = await as("MARKETER");
    journey = await publishJourney(setup.ctx, setup.objective.id, reviewedOfferJourney(), "VIP offer");
  });
  afterAll(async () => {
    await db?.close();
  });

  /** Runs every job due now, as a worker would, with the built-in outbox for email. */
  const work = () =>
    runOnce({
      connectionString: t.url,
      concurrency: 1,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
      taskList: runtimeTaskList({
        db: t.prisma,
        policy: uniformRandomPolicy(),
        channels: { adapters: { email: outboxAdapter }, close: () => undefined },
        workerId: "review-step-test",
        publicUrl: "http://localhost:3000",
        sendMaxAttempts: 3,
      }),
    });

  /** A customer entering the journey, written as event processing writes it: at the entry step, its first job queued. */
  async function enter(firstName: string) {
    const customer = await t.prisma.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: firstName.toLowerCase(),
        email: `${firstName.toLowerCase()}@example.test`,
        traits: { firstName, plan: "trial" },
        consent: { email: true },
        timeZone: "UTC",
      },
    });
    const enrollment = await t.prisma.$transaction(async (tx) => {
      const created = await tx.enrollment.create({
        data: {
          workspaceId: setup.workspace.id,
          journeyId: journey.journeyId,
          versionId: journey.versionId,
          customerId: customer.id,
          currentStepId: "entry",
        },
      });
      await enqueue(tx, TASKS.runStep, { enrollmentId: created.id, seq: 0 }, { jobKey: stepJobKey(created.id) });
      return created;
    });
    return { customer, enrollment };
  }

  const enrollmentOf = (id: string) => t.prisma.enrollment.findUniqueOrThrow({ where: { id } });
  const stepLog = async (enrollmentId: string) =>
    (await t.prisma.stepExecution.findMany({ where: { enrollmentId }, orderBy: { seq: "asc" } })).map(
      (s) => `${s.stepId}: ${s.outcome}`,
    );
  const messagesOf = (enrollmentId: string) => t.prisma.message.findMany({ where: { enrollmentId } });
  const pendingItemOf = async (enrollmentId: string) => {
    const items = await listReviewItems(manager, { status: "PENDING", kind: "step", journeyId: journey.journeyId });
    const item = items.find((i) => i.enrollmentId === enrollmentId);
    if (!item) throw new Error(`No pending review item for ${enrollmentId}`);
    return item;
  };

  it("parks the customer in REVIEW, lists the item, and sends the offer once a manager approves", async () => {
    const { customer, enrollment } = await enter("Ada");
    await work();

    expect(await enrollmentOf(enrollment.id)).toMatchObject({
      state: "REVIEW",
      currentStepId: "approve-offer",
      waitingFor: "review",
      seq: 1,
    });
    // A park is logged with the transition that ends it (the log has one row per seq).
    expect(await stepLog(enrollment.id)).toEqual(["entry: entered"]);
    expect(await messagesOf(enrollment.id)).toEqual([]);

    const item = await pendingItemOf(enrollment.id);
    expect(item).toMatchObject({
      kind: "step",
      status: "PENDING",
      journey: { id: journey.journeyId, name: "VIP offer" },
      step: { id: "approve-offer", name: "Approve the VIP offer", kind: "review" },
      customer: { id: customer.id, externalId: "ada", email: "a***@example.test" },
      reason: "Approval by a manager is required.",
      blocks: [],
      proposedOption: null,
      candidates: [],
      deliverable: null,
      slaHours: 4,
      overdue: false,
    });
    // Every member sees the queue; only a manager or an admin decides.
    expect((await listReviewItems(marketer, { status: "PENDING" })).map((i) => i.id)).toContain(item.id);
    await expect(approveReviewItem(marketer, { id: item.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await work();
    expect((await enrollmentOf(enrollment.id)).state).toBe("REVIEW");

    expect(await approveReviewItem(manager, { id: item.id, note: "VIP indeed" })).toEqual({
      id: item.id,
      status: "APPROVED",
      resumed: true,
    });
    await work();

    expect(await enrollmentOf(enrollment.id)).toMatchObject({
      state: "COMPLETED",
      currentStepId: "goal",
      exitReason: "goal",
    });
    expect(await stepLog(enrollment.id)).toEqual([
      "entry: entered",
      "approve-offer: approved",
      expect.stringMatching(/^offer: /),
      expect.stringMatching(/^goal: /),
    ]);
    const [offer] = await messagesOf(enrollment.id);
    expect(offer).toMatchObject({ to: "ada@example.test", subject: "A VIP offer for you, Ada", status: "STORED" });
    expect(await listReviewItems(manager, { status: "PENDING", journeyId: journey.journeyId })).toEqual([]);
    expect(await listReviewItems(manager, { status: "APPROVED" })).toMatchObject([
      { id: item.id, note: "VIP indeed", resolvedBy: { id: manager.actor.userId } },
    ]);
  });

  it("takes the rejected branch when a manager rejects: the customer leaves without the offer", async () => {
    const { enrollment } = await enter("Grace");
    await work();
    expect((await enrollmentOf(enrollment.id)).state).toBe("REVIEW");

    const item = await pendingItemOf(enrollment.id);
    expect(await rejectReviewItem(manager, { id: item.id, note: "Not VIP yet" })).toMatchObject({
      status: "REJECTED",
      resumed: true,
    });
    await work();

    expect(await enrollmentOf(enrollment.id)).toMatchObject({ state: "EXITED", currentStepId: "declined" });
    expect(await stepLog(enrollment.id)).toEqual(["entry: entered", "approve-offer: rejected", "declined: exited"]);
    expect(await messagesOf(enrollment.id)).toEqual([]);
    await expect(approveReviewItem(manager, { id: item.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
