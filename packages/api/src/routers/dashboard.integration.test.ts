import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import {
  agentNode,
  defineJourney,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "@northstar/journey/testing";
import { rollupCounters } from "@northstar/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, callHttp } from "../testing/callers";

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);
const metric = { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" } as const;

/** Three options; the SMS option leads through two nodes only it reaches, then joins the shared wait. */
function threeOptionJourney(event = "Order Completed") {
  return defineJourney(
    [
      entryNode("entry", { trigger: { type: "event", event, filters: [] } }, { name: "First order" }),
      agentNode("choose", { fallbackOptionEdgeId: "choose-email" }, { name: "Best follow-up" }),
      messageNode("email", {}, { name: "Thank-you email" }),
      messageNode("sms", {}, { name: "SMS nudge" }),
      waitNode("sms-pause", { type: "duration", minutes: 60 }),
      messageNode("offer", {}, { name: "Offer email" }),
      waitNode("wait-day", { type: "until_event", event: "Order Completed", timeoutMinutes: 1440 }),
      goalNode("goal"),
      exitNode("exit", "expired"),
    ],
    [
      edge("entry-choose", "entry", "choose"),
      optionEdge("choose-email", "choose", "email", { label: "Email" }),
      optionEdge("choose-sms", "choose", "sms", { label: "SMS" }),
      optionEdge("choose-offer", "choose", "offer", { label: "Offer" }),
      edge("email-wait", "email", "wait-day"),
      edge("sms-pause", "sms", "sms-pause"),
      edge("pause-wait", "sms-pause", "wait-day"),
      edge("offer-wait", "offer", "wait-day"),
      edge("wait-goal", "wait-day", "goal"),
      edge("wait-timeout", "wait-day", "exit", { sourceHandle: "timeout" }),
    ],
  );
}

describe("bloat dashboard: stale branches, prune, restore, roles, audit", () => {
  let t: TestDatabase;
  let ws: { id: string };
  let marketer: ReturnType<typeof callerFor>;
  let manager: ReturnType<typeof callerFor>;
  let managerId: string;
  let adminCaller: ReturnType<typeof callerFor>;
  let objectiveId: string;

  async function publishedJourney(name: string, event?: string) {
    const journey = await marketer.journey.create({ name, objectiveId, tags: ["retention"] });
    const draft = await marketer.version.openDraft({ journeyId: journey.id });
    await marketer.version.saveDraft({
      versionId: draft.id,
      baseRevision: draft.revision,
      definition: threeOptionJourney(event),
    });
    await manager.version.publish({ versionId: draft.id });
    // Published 200 days ago: the journey went live, and the version's edges started their clocks, then.
    await t.prisma.journey.update({ where: { id: journey.id }, data: { liveSince: daysAgo(200) } });
    await t.prisma.journeyVersion.updateMany({ where: { journeyId: journey.id }, data: { publishedAt: daysAgo(200) } });
    return journey.id;
  }

  async function fired(journeyId: string, edgeId: string, at: Date) {
    await t.prisma.edgeActivity.create({
      data: { workspaceId: ws.id, journeyId, edgeId, lastFiredAt: at, total: 40 },
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    ws = await createWorkspace(t.prisma, { name: "Acme" });
    const admin = await createUser(t.prisma, { workspaceId: ws.id, role: "ADMIN" });
    const m = await createUser(t.prisma, { workspaceId: ws.id, role: "MARKETER" });
    const mg = await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" });
    marketer = callerFor(t.prisma, m.id);
    manager = callerFor(t.prisma, mg.id);
    managerId = mg.id;
    adminCaller = callerFor(t.prisma, admin.id);
    objectiveId = (await callerFor(t.prisma, admin.id).objective.create({ name: "Repeat", metric })).id;
  });
  afterAll(() => t?.drop());

  it("lists stale branches of live journeys only, keyed by stable edge id, longest idle first", async () => {
    const journeyId = await publishedJourney("Post-purchase");
    for (const id of ["entry-choose", "choose-email", "choose-offer", "email-wait", "offer-wait", "wait-goal"]) {
      await fired(journeyId, id, daysAgo(2));
    }
    await fired(journeyId, "choose-sms", daysAgo(120));
    await fired(journeyId, "sms-pause", daysAgo(119));
    await fired(journeyId, "pause-wait", daysAgo(10));
    // "wait-timeout" never fired: idle since liveSince (200 days).

    const stale = await manager.dashboard.staleBranches({});
    expect(stale.map((s) => [s.edgeId, s.idleDays, s.neverFired])).toEqual([
      ["wait-timeout", 200, true],
      ["choose-sms", 120, false],
      ["sms-pause", 119, false],
    ]);
    expect(stale[1]).toMatchObject({ label: "SMS", source: { name: "Best follow-up" }, target: { name: "SMS nudge" } });
    expect(await manager.dashboard.staleBranches({ status: "PAUSED" })).toEqual([]);
    expect(await manager.dashboard.staleBranches({ tag: "nope" })).toEqual([]);
  });

  it("refuses marketers and strangers, and names bad filter fields", async () => {
    await expect(marketer.dashboard.staleBranches({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(marketer.dashboard.overview({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [journey] = await t.prisma.journey.findMany({ where: { name: "Post-purchase" } });
    await expect(marketer.dashboard.prune({ journeyId: journey!.id, edgeId: "choose-sms" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const other = await createWorkspace(t.prisma, { name: "Globex" });
    const stranger = callerFor(t.prisma, (await createUser(t.prisma, { workspaceId: other.id, role: "ADMIN" })).id);
    expect(await stranger.dashboard.staleBranches({})).toEqual([]);
    await expect(
      stranger.dashboard.previewPrune({ journeyId: journey!.id, edgeId: "choose-sms" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const http = await callHttp(
      { db: t.prisma, session: { userId: managerId }, requestedWorkspaceId: null },
      "dashboard.previewPrune",
      { journeyId: journey!.id, edgeId: "" },
      { method: "GET" },
    );
    expect(http.status).toBe(400);
    expect(http.body.error?.json?.data.fieldErrors).toEqual({ edgeId: ["choose a branch"] });
    const unknown = await callHttp(
      { db: t.prisma, session: { userId: managerId }, requestedWorkspaceId: null },
      "dashboard.previewPrune",
      { journeyId: journey!.id, edgeId: "no-such-edge" },
      { method: "GET" },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.json?.data.fieldErrors).toEqual({
      edgeId: ["is not a branch of the published version"],
    });
  });

  it("prunes into a new draft: the edge and the nodes only it reaches go, shared nodes stay; audited; approval needed", async () => {
    const journey = (await t.prisma.journey.findFirst({ where: { name: "Post-purchase" } }))!;
    const customer = await t.prisma.customer.create({ data: { workspaceId: ws.id, email: "ada@example.test" } });
    const v1 = (await t.prisma.journeyVersion.findFirst({ where: { journeyId: journey.id, state: "PUBLISHED" } }))!;
    await t.prisma.enrollment.create({
      data: {
        workspaceId: ws.id,
        journeyId: journey.id,
        versionId: v1.id,
        customerId: customer.id,
        state: "WAITING",
        currentStepId: "sms-pause",
      },
    });

    const preview = await manager.dashboard.previewPrune({ journeyId: journey.id, edgeId: "choose-sms" });
    expect(preview.removedNodes.map((n) => n.id)).toEqual(["sms", "sms-pause"]);
    expect(preview.removedEdges.map((e) => e.id).sort()).toEqual(["choose-sms", "pause-wait", "sms-pause"]);
    expect(preview.customersInside).toBe(1);
    expect(preview.customersSample[0]).toMatchObject({ customer: "ada@example.test", nodeId: "sms-pause" });
    expect(preview.errors).toEqual([]);

    const result = await manager.dashboard.prune({ journeyId: journey.id, edgeId: "choose-sms" });
    expect(result.draft.number).toBe(2);
    expect(result.publicationRequestId).toBeTruthy();
    const draft = await manager.version.get({ versionId: result.draft.id });
    expect(draft.state).toBe("PENDING_APPROVAL");
    expect(draft.definition.nodes.map((n) => n.id)).toEqual([
      "entry",
      "choose",
      "email",
      "offer",
      "wait-day",
      "goal",
      "exit",
    ]);
    expect(draft.definition.edges.map((e) => e.id)).not.toContain("choose-sms");
    expect(draft.definition.edges.map((e) => e.id)).toContain("email-wait");

    // The running version is untouched until a manager approves.
    expect((await manager.dashboard.staleBranches({})).map((s) => s.edgeId)).toContain("choose-sms");
    await expect(marketer.version.publish({ versionId: draft.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(marketer.publication.approve({ requestId: result.publicationRequestId! })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const actions = (
      await t.prisma.auditEntry.findMany({ where: { journeyId: journey.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions.slice(-4)).toEqual(["version.create", "version.save", "branch.prune", "publication.request"]);
    const prune = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: "branch.prune" } });
    expect(prune.actorId).toBe(managerId);
    expect(prune.changes).toMatchObject({
      edgeId: "choose-sms",
      removedNodeIds: ["sms", "sms-pause"],
      customersInside: 1,
    });

    // A second prune while that draft is open is refused rather than pruning someone's edits.
    await expect(manager.dashboard.prune({ journeyId: journey.id, edgeId: "wait-timeout" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });

    // Four eyes (on by default): the manager who pruned cannot approve the prune; another person can.
    await expect(manager.publication.approve({ requestId: result.publicationRequestId! })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Four-eyes rule"),
    });
    await adminCaller.publication.approve({ requestId: result.publicationRequestId! });
    expect((await manager.dashboard.staleBranches({})).map((s) => s.edgeId)).toEqual(["wait-timeout"]);
  });

  it("restores the pruned branch from version history with its history intact, and audits the restore", async () => {
    const journey = (await t.prisma.journey.findFirst({ where: { name: "Post-purchase" } }))!;
    const v1 = (await t.prisma.journeyVersion.findFirst({ where: { journeyId: journey.id, number: 1 } }))!;
    const restored = await manager.version.restore({ versionId: v1.id });
    expect(restored.definition.edges.map((e) => e.id)).toContain("choose-sms");
    const audit = await t.prisma.auditEntry.findFirst({
      where: { journeyId: journey.id, action: "version.restore", entityId: restored.id },
    });
    expect(audit).toMatchObject({ actorId: managerId, changes: { restoredFrom: v1.id } });
    expect(audit?.summary).toContain("Restored v1");
    await manager.version.publish({ versionId: restored.id });
    const stale = await manager.dashboard.staleBranches({});
    // Same stable id, same EdgeActivity row: the branch comes back with its 120 idle days, not as a fresh edge.
    expect(stale.find((s) => s.edgeId === "choose-sms")).toMatchObject({ idleDays: 120, totalFires: 40 });
  });

  it("reports the overview: totals, ranked by bloat score, idle and overlapping journeys, trend point, CSV", async () => {
    const twin = await publishedJourney("Post-purchase twin");
    const dormant = await publishedJourney("Dormant", "Cart Viewed");
    const [journey] = await t.prisma.journey.findMany({ where: { name: "Post-purchase" } });
    // Entries go through the production path: enrolment, the entry step's log row, then the counter rollup.
    const enter = async (journeyId: string, email: string, at: Date) => {
      const version = (await t.prisma.journeyVersion.findFirst({ where: { journeyId, state: "PUBLISHED" } }))!;
      const customer =
        (await t.prisma.customer.findFirst({ where: { workspaceId: ws.id, email } })) ??
        (await t.prisma.customer.create({ data: { workspaceId: ws.id, email } }));
      const enrollment = await t.prisma.enrollment.create({
        data: { workspaceId: ws.id, journeyId, versionId: version.id, customerId: customer.id, enteredAt: at },
      });
      await t.prisma.stepExecution.create({
        data: {
          workspaceId: ws.id,
          enrollmentId: enrollment.id,
          seq: 0,
          stepId: "entry",
          kind: "entry",
          edgeId: "entry-choose",
          targetStepId: "choose",
          outcome: "entered",
          executedAt: at,
        },
      });
    };
    await enter(journey!.id, "both@example.test", daysAgo(3));
    for (let i = 0; i < 11; i++) await enter(journey!.id, `only-${i}@example.test`, daysAgo(3));
    await enter(twin, "both@example.test", daysAgo(5));
    await rollupCounters(t.prisma);

    const overview = await manager.dashboard.overview({});
    expect(overview.totals).toMatchObject({ journeys: 3, live: 3, idleJourneys: 1, overlappingPairs: 1 });
    expect(overview.overlaps[0]).toMatchObject({
      a: { id: [journey!.id, twin].sort()[0] },
      sharedEntries: ["event:Order Completed"],
      customersInBoth: 1,
    });
    expect(overview.ranked.find((r) => r.id === dormant)).toMatchObject({
      idle: true,
      overlappingJourneys: 0,
      staleBranches: 10,
      branches: 10,
    });
    expect(overview.ranked[0]?.id).toBe(dormant);
    // The twin's entry fired its first edge; the nine others never fired in 200 days.
    expect(overview.ranked.find((r) => r.id === twin)).toMatchObject({
      idle: false,
      overlappingJourneys: 1,
      staleBranches: 9,
      entriesLast30: 1,
    });
    expect(overview.ranked.find((r) => r.id === journey!.id)).toMatchObject({ idle: false, entriesLast30: 12 });
    expect(overview.trend.at(-1)).toMatchObject({ journeys: 3, staleBranches: overview.totals.staleBranches });

    const detail = await manager.dashboard.journey({ journeyId: journey!.id });
    expect(detail.entries).toHaveLength(90);
    expect(detail.entries.reduce((n, d) => n + d.entries, 0)).toBe(12);
    expect(detail.branches.find((b) => b.edgeId === "choose-sms")).toMatchObject({ stale: true, totalFires: 40 });
  });

  it("measures message pressure per customer per week against the caps", async () => {
    const customer = await t.prisma.customer.create({ data: { workspaceId: ws.id, email: "busy@example.test" } });
    for (let i = 0; i < 5; i++) {
      await t.prisma.message.create({
        data: {
          workspaceId: ws.id,
          customerId: customer.id,
          idempotencyKey: `k-${i}`,
          trackingToken: `t-${i}`,
          channel: "email",
          to: "busy@example.test",
          body: "Hi",
          status: "SENT",
          createdAt: new Date(),
        },
      });
    }
    const pressure = await manager.dashboard.pressure({});
    const email = pressure.find((p) => p.channel === "email")!;
    expect(email.weeklyCap).toBe(3);
    expect(email.weeks.at(-1)).toMatchObject({ customers: 1, messages: 5, perCustomer: 5, overCap: 1 });
  });
});
