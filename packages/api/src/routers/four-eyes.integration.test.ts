import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { buildJourney } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const metric = { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" } as const;

/** The four-eyes rule through tRPC: on by default, a requester never approves their own publication (a prune too). */
describe("four eyes on publications and prunes", () => {
  let t: TestDatabase;
  let admin: ReturnType<typeof callerFor>;
  let manager: ReturnType<typeof callerFor>;
  let otherManager: ReturnType<typeof callerFor>;
  let objectiveId: string;
  let ws: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    ws = await createWorkspace(t.prisma, { name: "Acme" });
    admin = callerFor(t.prisma, (await createUser(t.prisma, { workspaceId: ws.id, role: "ADMIN" })).id);
    manager = callerFor(t.prisma, (await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" })).id);
    otherManager = callerFor(t.prisma, (await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" })).id);
    objectiveId = (await admin.objective.create({ name: "Activation", metric })).id;
  });
  afterAll(() => t?.drop());

  async function requested(by: ReturnType<typeof callerFor>, name: string) {
    const journey = await by.journey.create({ name, objectiveId });
    const draft = await by.version.openDraft({ journeyId: journey.id });
    await by.version.saveDraft({ versionId: draft.id, baseRevision: draft.revision, definition: buildJourney() });
    return { request: await by.publication.request({ versionId: draft.id }), versionId: draft.id };
  }

  it("is on by default: the requester can neither approve nor publish directly; another manager can", async () => {
    expect(await manager.workspace.settings()).toEqual({ fourEyes: true });
    const { request, versionId } = await requested(manager, "Welcome");
    await expect(manager.publication.approve({ requestId: request.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Four-eyes rule: you requested this publication, so another manager or admin must approve it",
    });
    await expect(manager.version.publish({ versionId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Four-eyes rule"),
    });
    const published = await otherManager.publication.approve({ requestId: request.id });
    expect(published.state).toBe("PUBLISHED");
  });

  it("only an admin turns it off, audited; then a requester may approve their own request", async () => {
    await expect(manager.workspace.setFourEyes({ enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin.workspace.setFourEyes({ enabled: false });
    expect(await manager.workspace.settings()).toEqual({ fourEyes: false });
    const entry = await t.prisma.auditEntry.findFirstOrThrow({
      where: { workspaceId: ws.id, action: "workspace.four_eyes" },
    });
    expect(entry.changes).toEqual({ fourEyes: { from: true, to: false } });

    const { request } = await requested(manager, "Win-back");
    expect((await manager.publication.approve({ requestId: request.id })).state).toBe("PUBLISHED");
    await admin.workspace.setFourEyes({ enabled: true });
  });
});
