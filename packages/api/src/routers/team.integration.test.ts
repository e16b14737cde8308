import { authenticate } from "@northstar/auth";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, callHttp } from "../testing/callers";

/**
 * Team management through tRPC: invitations with a one-time link, role changes and removals, the last-admin rule;
 * every change lands in the audit trail.
 */
describe("team: invitations, roles, last admin", () => {
  let t: TestDatabase;
  let ws: { id: string };
  let adminId: string;
  let admin: ReturnType<typeof callerFor>;
  let manager: ReturnType<typeof callerFor>;
  let managerId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ws = await createWorkspace(t.prisma, { name: "Acme" });
    const a = await createUser(t.prisma, { workspaceId: ws.id, role: "ADMIN" });
    const m = await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" });
    adminId = a.id;
    managerId = m.id;
    admin = callerFor(t.prisma, a.id);
    manager = callerFor(t.prisma, m.id);
  });
  afterAll(() => t?.drop());

  const actions = async () =>
    (await t.prisma.auditEntry.findMany({ where: { workspaceId: ws.id }, orderBy: { createdAt: "asc" } })).map(
      (a) => a.action,
    );

  it("invites a member with a one-time link that is accepted once by setting a password", async () => {
    const invite = await admin.workspace.invite({ email: "Grace@Example.com", role: "MARKETER" });
    expect(invite.path).toBe(`/invite/${invite.token}`);
    // Only the hash is stored: the token itself is nowhere in the database.
    const row = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invite.id } });
    expect(JSON.stringify(row)).not.toContain(invite.token);
    expect((await admin.workspace.invitations()).map((i) => i.email)).toEqual(["grace@example.com"]);

    const anonymous = callerFor(t.prisma, null);
    expect(await anonymous.workspace.invitation({ token: invite.token })).toEqual({
      email: "grace@example.com",
      role: "MARKETER",
      workspaceName: "Acme",
      hasAccount: false,
    });
    const short = await anonymous.workspace
      .acceptInvitation({ token: invite.token, name: "Grace", password: "short" })
      .catch((e) => e);
    expect(short).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("password") });

    const accepted = await anonymous.workspace.acceptInvitation({
      token: invite.token,
      name: "Grace Hopper",
      password: "a-long-password",
    });
    expect(await authenticate(t.prisma, { email: "grace@example.com", password: "a-long-password" })).toMatchObject({
      id: accepted.userId,
    });
    const members = await admin.workspace.members();
    expect(members.find((m) => m.email === "grace@example.com")).toMatchObject({ role: "MARKETER" });

    // The link works once.
    await expect(
      anonymous.workspace.acceptInvitation({ token: invite.token, name: "Mallory", password: "another-password" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("no longer valid") });
    await expect(anonymous.workspace.invitation({ token: invite.token })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.workspace.invitations()).toEqual([]);
    expect((await actions()).slice(-2)).toEqual(["member.invite", "member.join"]);
  });

  it("refuses to invite an existing member, naming the email field, and a non-admin at all", async () => {
    const context = { db: t.prisma, session: { userId: adminId }, requestedWorkspaceId: null };
    const { status, body } = await callHttp(context, "workspace.invite", { email: "grace@example.com", role: "ADMIN" });
    expect(status).toBe(409);
    expect(body.error?.json?.data.fieldErrors).toEqual({ email: ["is already a member of this workspace"] });
    await expect(manager.workspace.invite({ email: "x@example.com", role: "ADMIN" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("a revoked invitation link no longer works", async () => {
    const invite = await admin.workspace.invite({ email: "late@example.com", role: "MANAGER" });
    await admin.workspace.revokeInvitation({ invitationId: invite.id });
    await expect(
      callerFor(t.prisma, null).workspace.acceptInvitation({
        token: invite.token,
        name: "Late",
        password: "a-long-password",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await actions()).at(-1)).toBe("member.invite_revoke");
  });

  it("changes a role and removes a member, both audited with who and what", async () => {
    const grace = (await admin.workspace.members()).find((m) => m.email === "grace@example.com")!;
    await admin.workspace.changeRole({ userId: grace.userId, role: "MANAGER" });
    expect((await admin.workspace.members()).find((m) => m.userId === grace.userId)?.role).toBe("MANAGER");
    await admin.workspace.removeMember({ userId: grace.userId });
    expect((await admin.workspace.members()).map((m) => m.userId)).not.toContain(grace.userId);
    // The removed member's calls are refused from the next request on.
    await expect(callerFor(t.prisma, grace.userId).journey.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });

    const entries = await t.prisma.auditEntry.findMany({
      where: { workspaceId: ws.id, entityId: grace.userId },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId, e.changes])).toEqual([
      ["member.join", grace.userId, expect.objectContaining({ role: "MARKETER" })],
      ["member.role_change", adminId, { from: "MARKETER", to: "MANAGER" }],
      ["member.remove", adminId, { role: "MANAGER" }],
    ]);
  });

  it("never lets the last admin be demoted or removed, and allows it once there is another admin", async () => {
    await expect(admin.workspace.changeRole({ userId: adminId, role: "MANAGER" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("The last admin cannot be demoted"),
    });
    await expect(admin.workspace.removeMember({ userId: adminId })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("The last admin cannot be removed"),
    });
    expect((await admin.workspace.members()).find((m) => m.userId === adminId)?.role).toBe("ADMIN");

    // Two admins demoting each other at once: one wins, the workspace keeps an admin.
    await admin.workspace.changeRole({ userId: managerId, role: "ADMIN" });
    const results = await Promise.allSettled([
      admin.workspace.changeRole({ userId: managerId, role: "MARKETER" }),
      manager.workspace.changeRole({ userId: adminId, role: "MARKETER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.prisma.membership.count({ where: { workspaceId: ws.id, role: "ADMIN" } })).toBe(1);
  });
});
