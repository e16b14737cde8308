import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { buildJourney } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, callHttp } from "./testing/callers";

const metric = { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" } as const;

describe("journey lifecycle: draft, compile, request, approve, publish, restore, audit", () => {
  let t: TestDatabase;
  let marketer: ReturnType<typeof callerFor>;
  let manager: ReturnType<typeof callerFor>;
  let objectiveId: string;
  let ids: { marketer: string; manager: string; workspace: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    const ws = await createWorkspace(t.prisma, { name: "Acme" });
    const admin = await createUser(t.prisma, { workspaceId: ws.id, role: "ADMIN" });
    const m = await createUser(t.prisma, { workspaceId: ws.id, role: "MARKETER" });
    const mg = await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" });
    ids = { marketer: m.id, manager: mg.id, workspace: ws.id };
    marketer = callerFor(t.prisma, m.id);
    manager = callerFor(t.prisma, mg.id);
    objectiveId = (await callerFor(t.prisma, admin.id).objective.create({ name: "Activation", metric })).id;
  });
  afterAll(() => t?.drop());

  async function newJourney(name: string) {
    const journey = await marketer.journey.create({ name, objectiveId });
    const draft = await marketer.version.openDraft({ journeyId: journey.id });
    return { journey, draft };
  }

  it("refuses a journey without an objective, naming the field", async () => {
    const http = await callHttp(
      { db: t.prisma, session: { userId: ids.marketer }, requestedWorkspaceId: null },
      "journey.create",
      {
        name: "No objective",
        objectiveId: "",
      },
    );
    expect(http.status).toBe(400);
    expect(http.body.error?.json?.data.fieldErrors).toEqual({
      objectiveId: ["choose the objective this journey must move"],
    });
    await expect(marketer.journey.create({ name: "Unknown objective", objectiveId: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await t.prisma.journey.count()).toBe(0);
  });

  it("takes a draft from save to compile to request to approval to publication", async () => {
    const { journey, draft } = await newJourney("Welcome");
    expect(draft.number).toBe(1);
    expect(draft.state).toBe("DRAFT");

    const saved = await marketer.version.saveDraft({
      versionId: draft.id,
      baseRevision: draft.revision,
      definition: buildJourney(),
    });
    expect(saved.revision).toBe(draft.revision + 1);
    expect(saved.definition.nodes).toHaveLength(7);

    const compiled = await marketer.version.compile({ versionId: draft.id });
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(compiled.plan?.hash).toMatch(/^[0-9a-f]{64}$/);

    await expect(marketer.version.publish({ versionId: draft.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const request = await marketer.publication.request({ versionId: draft.id, note: "Ready for launch" });
    expect(request.status).toBe("PENDING");
    const pending = await manager.publication.list({ status: "PENDING" });
    expect(pending.map((r) => r.id)).toEqual([request.id]);
    expect(pending[0]?.journey.name).toBe("Welcome");

    await expect(marketer.publication.approve({ requestId: request.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const published = await manager.publication.approve({ requestId: request.id, note: "Looks good" });
    expect(published.state).toBe("PUBLISHED");
    expect(published.planHash).toBe(compiled.plan?.hash);
    expect(published.readOnly).toBe(true);

    const live = await marketer.journey.get({ journeyId: journey.id });
    expect(live.status).toBe("LIVE");
    expect(live.liveSince).toBeInstanceOf(Date);
    const storedRequest = await t.prisma.publicationRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(storedRequest).toMatchObject({ status: "APPROVED", decidedById: ids.manager, decisionNote: "Looks good" });
  });

  it("refuses to publish a graph with errors and returns the diagnostics", async () => {
    const { draft } = await newJourney("Broken");
    const broken = buildJourney();
    broken.nodes = broken.nodes.filter((n) => n.kind !== "entry");
    broken.edges = broken.edges.filter((e) => e.source !== "entry");
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: draft.revision, definition: broken });

    const http = await callHttp(
      { db: t.prisma, session: { userId: ids.manager }, requestedWorkspaceId: null },
      "version.publish",
      {
        versionId: draft.id,
      },
    );
    expect(http.status).toBe(412);
    const details = http.body.error?.json?.data.details as { diagnostics: { code: string }[] };
    expect(details.diagnostics.map((d) => d.code)).toContain("NO_ENTRY");
    await expect(marketer.publication.request({ versionId: draft.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const version = await marketer.version.get({ versionId: draft.id });
    expect(version.state).toBe("DRAFT");
  });

  it("keeps a published version immutable and edits a live journey in a new draft", async () => {
    const { journey, draft } = await newJourney("Immutable");
    const saved = await marketer.version.saveDraft({
      versionId: draft.id,
      baseRevision: 1,
      definition: buildJourney(),
    });
    await manager.version.publish({ versionId: draft.id });
    await expect(
      marketer.version.saveDraft({ versionId: draft.id, baseRevision: saved.revision, definition: buildJourney() }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    const next = await marketer.version.openDraft({ journeyId: journey.id });
    expect(next.number).toBe(2);
    expect(next.state).toBe("DRAFT");
    expect(next.definition).toEqual(saved.definition);
    const again = await marketer.version.openDraft({ journeyId: journey.id });
    expect(again.id).toBe(next.id);
  });

  it("detects two people saving the same draft and keeps the first save", async () => {
    const { draft } = await newJourney("Conflict");
    const first = buildJourney();
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: draft.revision, definition: first });
    const second = buildJourney();
    second.nodes = second.nodes.slice(0, 2);
    second.edges = second.edges.slice(0, 1);
    await expect(
      manager.version.saveDraft({ versionId: draft.id, baseRevision: draft.revision, definition: second }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const stored = await marketer.version.get({ versionId: draft.id });
    expect(stored.definition.nodes).toHaveLength(first.nodes.length);
  });

  it("refuses an unknown node kind by field and loses nothing already saved", async () => {
    const { draft } = await newJourney("Unknown kind");
    const saved = await marketer.version.saveDraft({
      versionId: draft.id,
      baseRevision: 1,
      definition: buildJourney(),
    });
    const bad = buildJourney() as unknown as { nodes: { kind: string }[] };
    bad.nodes[2]!.kind = "teleport";
    const http = await callHttp(
      { db: t.prisma, session: { userId: ids.marketer }, requestedWorkspaceId: null },
      "version.saveDraft",
      {
        versionId: draft.id,
        baseRevision: saved.revision,
        definition: bad,
      },
    );
    expect(http.status).toBe(400);
    expect(Object.keys(http.body.error?.json?.data.fieldErrors ?? {})).toEqual(["definition.nodes.2.kind"]);
    const stored = await marketer.version.get({ versionId: draft.id });
    expect(stored.revision).toBe(saved.revision);
    expect(stored.definition).toEqual(saved.definition);
  });

  it("restores an older version as a new draft", async () => {
    const { journey, draft } = await newJourney("Restore");
    const v1 = await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
    await manager.version.publish({ versionId: draft.id });
    const v2 = await marketer.version.openDraft({ journeyId: journey.id });
    const trimmed = buildJourney();
    trimmed.nodes = trimmed.nodes.filter((n) => n.id !== "welcome-sms");
    trimmed.edges = trimmed.edges.filter((e) => e.source !== "welcome-sms" && e.target !== "welcome-sms");
    await marketer.version.saveDraft({ versionId: v2.id, baseRevision: v2.revision, definition: trimmed });

    const restored = await marketer.version.restore({ versionId: draft.id });
    expect(restored.number).toBe(3);
    expect(restored.state).toBe("DRAFT");
    expect(restored.restoredFromVersionId).toBe(draft.id);
    expect(restored.definition).toEqual(v1.definition);
    const versions = await marketer.version.list({ journeyId: journey.id });
    expect(versions.map((v) => [v.number, v.state])).toEqual([
      [3, "DRAFT"],
      [2, "ARCHIVED"],
      [1, "PUBLISHED"],
    ]);
  });

  it("rejects a request with a comment and returns the version to draft", async () => {
    const { draft } = await newJourney("Rejected");
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
    const request = await marketer.publication.request({ versionId: draft.id });
    await expect(manager.publication.reject({ requestId: request.id, note: " " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await manager.publication.reject({ requestId: request.id, note: "Offer too generous" });
    expect((await marketer.version.get({ versionId: draft.id })).state).toBe("DRAFT");
    const [stored] = await marketer.publication.list({
      journeyId: (await marketer.version.get({ versionId: draft.id })).journeyId,
    });
    expect(stored).toMatchObject({ status: "REJECTED", decisionNote: "Offer too generous" });
  });

  it("records an audit entry for every step, per journey and per workspace", async () => {
    const { journey, draft } = await newJourney("Audited");
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
    const request = await marketer.publication.request({ versionId: draft.id });
    await manager.publication.approve({ requestId: request.id });
    await marketer.journey.update({ journeyId: journey.id, name: "Audited and renamed" });
    await marketer.version.restore({ versionId: draft.id });
    await manager.journey.archive({ journeyId: journey.id });

    const { entries } = await marketer.audit.list({ journeyId: journey.id });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      "journey.create",
      "version.save",
      "publication.request",
      "publication.approve",
      "version.publish",
      "journey.rename",
      "version.restore",
      "journey.archive",
    ]);
    const save = entries.find((e) => e.action === "version.save")!;
    expect(save.summary).toBe("Saved draft v1: 7 nodes added, 7 edges added");
    expect(save.actor?.id).toBe(ids.marketer);
    const workspaceWide = await manager.audit.list({ limit: 200 });
    expect(workspaceWide.entries.length).toBeGreaterThan(entries.length);
    expect(workspaceWide.entries.every((e) => e.id)).toBe(true);
  });

  it("exports a version and imports it as a new journey; a bad file names each problem's JSON path", async () => {
    const { draft } = await newJourney("Exported");
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
    const file = await marketer.journey.export({ versionId: draft.id });
    const imported = await marketer.journey.import({ content: file.content, objectiveId, name: "Imported copy" });
    const copy = await marketer.version.openDraft({ journeyId: imported.id });
    expect(copy.definition).toEqual(buildJourney());

    const doc = JSON.parse(file.content);
    doc.definition.nodes[0].config.holdoutShare = 7;
    const http = await callHttp(
      { db: t.prisma, session: { userId: ids.marketer }, requestedWorkspaceId: null },
      "journey.import",
      {
        content: JSON.stringify(doc),
        objectiveId,
      },
    );
    expect(http.status).toBe(400);
    const details = http.body.error?.json?.data.details as { problems: { path: string }[] };
    const problems = details.problems;
    expect(problems.map((p) => p.path)).toContain("$.definition.nodes[0].config.holdoutShare");
  });

  it("lists journeys with filters, scoped to the workspace", async () => {
    const all = await marketer.journey.list({});
    expect(all.length).toBeGreaterThan(3);
    const live = await marketer.journey.list({ status: "LIVE" });
    expect(live.every((j) => j.status === "LIVE")).toBe(true);
    const found = await marketer.journey.list({ search: "welc" });
    expect(found.map((j) => j.name)).toEqual(["Welcome"]);
    const other = await createWorkspace(t.prisma, { name: "Other" });
    const stranger = await createUser(t.prisma, { workspaceId: other.id, role: "ADMIN" });
    expect(await callerFor(t.prisma, stranger.id).journey.list({})).toEqual([]);
    await expect(callerFor(t.prisma, stranger.id).journey.get({ journeyId: all[0]!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("warns about branches of a live journey that have not fired within the workspace's stale window", async () => {
    const { journey, draft } = await newJourney("Stale branches");
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
    await manager.version.publish({ versionId: draft.id });
    const day = 86_400_000;
    await t.prisma.journey.update({ where: { id: journey.id }, data: { liveSince: new Date(Date.now() - 200 * day) } });
    const fired = (edgeId: string, daysAgo: number) => ({
      workspaceId: ids.workspace,
      journeyId: journey.id,
      edgeId,
      lastFiredAt: new Date(Date.now() - daysAgo * day),
      total: 10,
    });
    // Every edge fired yesterday except the SMS option (last fired 120 days ago) and its follow-up (never).
    const definition = buildJourney();
    await t.prisma.edgeActivity.createMany({
      data: definition.edges
        .filter((e) => e.id !== "sms-wait")
        .map((e) => fired(e.id, e.id === "choose-sms" ? 120 : 1)),
    });
    const next = await marketer.version.openDraft({ journeyId: journey.id });
    const { diagnostics } = await marketer.version.compile({ versionId: next.id });
    const stale = diagnostics.filter((d) => d.code === "STALE_BRANCH");
    expect(stale.map((d) => d.edgeId).sort()).toEqual(["choose-sms", "sms-wait"]);
    expect(stale.every((d) => d.severity === "warning")).toBe(true);
  });

  it("lets exactly one of a racing approve and reject win, leaving states that agree", async () => {
    for (let round = 0; round < 3; round++) {
      const { draft } = await newJourney(`Race ${round}`);
      await marketer.version.saveDraft({ versionId: draft.id, baseRevision: 1, definition: buildJourney() });
      const request = await marketer.publication.request({ versionId: draft.id });
      const [approve, reject] = await Promise.allSettled([
        manager.publication.approve({ requestId: request.id }),
        manager.publication.reject({ requestId: request.id, note: "Not now" }),
      ]);
      expect([approve.status, reject.status].filter((s) => s === "fulfilled")).toHaveLength(1);
      const stored = await t.prisma.publicationRequest.findUniqueOrThrow({ where: { id: request.id } });
      const version = await t.prisma.journeyVersion.findUniqueOrThrow({ where: { id: draft.id } });
      expect([stored.status, version.state]).toEqual(
        approve.status === "fulfilled" ? ["APPROVED", "PUBLISHED"] : ["REJECTED", "DRAFT"],
      );
    }
  });

  it("refuses to approve a request whose draft was edited after it was made", async () => {
    const { draft } = await newJourney("Edited while pending");
    const saved = await marketer.version.saveDraft({
      versionId: draft.id,
      baseRevision: 1,
      definition: buildJourney(),
    });
    const request = await marketer.publication.request({ versionId: draft.id });
    const edited = buildJourney();
    edited.nodes[1]!.name = "Renamed after the request";
    await marketer.version.saveDraft({ versionId: draft.id, baseRevision: saved.revision, definition: edited });
    await expect(manager.publication.approve({ requestId: request.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect((await t.prisma.journeyVersion.findUniqueOrThrow({ where: { id: draft.id } })).state).toBe("DRAFT");
  });
});
