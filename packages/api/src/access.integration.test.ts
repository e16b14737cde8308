import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@northstar/env";
import { callerFor, callHttp, callHttpWithHeaders } from "./testing/callers";

const repeatPurchase = {
  name: "Repeat purchase",
  metric: { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" },
} as const;

describe("access control and workspace scoping", () => {
  let t: TestDatabase;
  let acme: { id: string };
  let globex: { id: string };
  let admin: { id: string };
  let marketer: { id: string };
  let globexAdmin: { id: string };
  let globexObjectiveId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    acme = await createWorkspace(t.prisma, { name: "Acme" });
    globex = await createWorkspace(t.prisma, { name: "Globex" });
    admin = await createUser(t.prisma, { workspaceId: acme.id, role: "ADMIN" });
    marketer = await createUser(t.prisma, { workspaceId: acme.id, role: "MARKETER" });
    globexAdmin = await createUser(t.prisma, { workspaceId: globex.id, role: "ADMIN" });
    globexObjectiveId = (await callerFor(t.prisma, globexAdmin.id).objective.create(repeatPurchase)).id;
  });
  afterAll(() => t?.drop());

  it("refuses a call without a session with UNAUTHORIZED (401 over HTTP)", async () => {
    await expect(callerFor(t.prisma, null).objective.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const http = await callHttp(
      { db: t.prisma, session: null, requestedWorkspaceId: null },
      "objective.list",
      {},
      {
        method: "GET",
      },
    );
    expect(http.status).toBe(401);
    expect(http.body.error?.json?.message).toBe("Sign in to continue");
  });

  it("refuses a session whose user no longer exists with UNAUTHORIZED", async () => {
    await expect(callerFor(t.prisma, "deleted-user").session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a marketer calling an admin procedure with FORBIDDEN and saves nothing", async () => {
    await expect(callerFor(t.prisma, marketer.id).objective.create(repeatPurchase)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This action needs the ADMIN role; you are MARKETER",
    });
    expect(await t.prisma.objective.count({ where: { workspaceId: acme.id } })).toBe(0);
  });

  it("lets an admin create an objective that members of the workspace can read", async () => {
    const created = await callerFor(t.prisma, admin.id).objective.create({ ...repeatPurchase, name: "Acme repeat" });
    const list = await callerFor(t.prisma, marketer.id).objective.list();
    expect(list.map((o) => o.id)).toEqual([created.id]);
    expect(list[0]?.metric).toEqual(repeatPurchase.metric);
  });

  it("does not let a member of workspace A read a row of workspace B", async () => {
    await expect(callerFor(t.prisma, admin.id).objective.get({ id: globexObjectiveId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const names = (await callerFor(t.prisma, admin.id).objective.list()).map((o) => o.name);
    expect(names).not.toContain(repeatPurchase.name);
  });

  it("acts in the user's own workspace when the request names one they are not a member of", async () => {
    const names = (await callerFor(t.prisma, admin.id, globex.id).objective.list()).map((o) => o.name);
    expect(names).toEqual(["Acme repeat"]);
    const me = await callerFor(t.prisma, admin.id, globex.id).session.me();
    expect(me.active?.workspaceId).toBe(acme.id);
    await expect(
      callerFor(t.prisma, admin.id, "no-such-workspace").objective.get({ id: globexObjectiveId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("applies a role change and a removal on the member's next request", async () => {
    const member = await createUser(t.prisma, { workspaceId: acme.id, role: "ADMIN" });
    const caller = callerFor(t.prisma, member.id);
    expect((await caller.workspace.members()).length).toBeGreaterThan(0);
    await t.prisma.membership.update({
      where: { workspaceId_userId: { workspaceId: acme.id, userId: member.id } },
      data: { role: "MARKETER" },
    });
    await expect(caller.workspace.members()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await t.prisma.membership.delete({ where: { workspaceId_userId: { workspaceId: acme.id, userId: member.id } } });
    await expect(caller.objective.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You are not a member of any workspace",
    });
  });

  it("answers 429 with Retry-After once a user's mutations exceed the per-minute limit", async () => {
    vi.stubEnv("MUTATION_RATE_LIMIT_PER_MINUTE", "2");
    resetEnvCache();
    try {
      const busy = await createUser(t.prisma, { workspaceId: acme.id, role: "MARKETER" });
      const context = { db: t.prisma, session: { userId: busy.id }, requestedWorkspaceId: null };
      const input = { versionId: "missing", definition: {} };
      // Refused for another reason (no such version), but each one counts.
      for (let i = 0; i < 2; i++) expect((await callHttp(context, "canvas.compileDraft", input)).status).toBe(404);
      const limited = await callHttpWithHeaders(context, "canvas.compileDraft", input);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.body.error?.json?.message).toMatch(/^Too many changes in a short time; try again in \d+ seconds$/);
      // Reading is not limited.
      expect((await callHttp(context, "objective.list", {}, { method: "GET" })).status).toBe(200);
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it("returns field-level errors for bad input (400 over HTTP)", async () => {
    const http = await callHttp(
      { db: t.prisma, session: { userId: admin.id }, requestedWorkspaceId: null },
      "objective.create",
      {
        name: "",
        metric: { event: "Order Completed", aggregation: "sum", windowDays: 0, direction: "up" },
      },
    );
    expect(http.status).toBe(400);
    const fieldErrors = http.body.error?.json?.data.fieldErrors ?? {};
    expect(Object.keys(fieldErrors).sort()).toEqual(["metric.direction", "metric.windowDays", "name"]);
    expect(fieldErrors.name).toEqual(["is required"]);
  });

  it("reports a duplicate objective name as a conflict on the name field", async () => {
    const http = await callHttp(
      { db: t.prisma, session: { userId: globexAdmin.id }, requestedWorkspaceId: null },
      "objective.create",
      repeatPurchase,
    );
    expect(http.status).toBe(409);
    expect(http.body.error?.json?.data.fieldErrors).toEqual({ name: ["is already used by another objective"] });
  });

  it("refuses an oversize body with 413 before running the procedure", async () => {
    const huge = JSON.stringify({ json: { ...repeatPurchase, description: "x".repeat(3 * 1024 * 1024) } });
    const http = await callHttp(
      { db: t.prisma, session: { userId: admin.id }, requestedWorkspaceId: null },
      "objective.create",
      null,
      {
        rawBody: huge,
      },
    );
    expect(http.status).toBe(413);
  });
});
