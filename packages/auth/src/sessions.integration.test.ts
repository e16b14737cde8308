import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSession, openSession, revokeSession, revokeUserSessions } from "./sessions";

const policy = { maxAgeSeconds: 7 * 24 * 3600, idleTimeoutSeconds: 3600 };
const t0 = new Date("2026-12-01T09:00:00Z");
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("server-side sessions", () => {
  let t: TestDatabase;
  let user: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    const workspace = await createWorkspace(t.prisma, { name: "Acme" });
    user = await createUser(t.prisma, { workspaceId: workspace.id, role: "MARKETER" });
    other = await createUser(t.prisma, { workspaceId: workspace.id, role: "ADMIN" });
  });
  afterAll(() => t?.drop());

  it("accepts a fresh session for its own user only", async () => {
    const sessionId = await openSession(t.prisma, user.id, policy, t0);
    expect(await checkSession(t.prisma, { sessionId, userId: user.id }, policy, later(5))).toEqual({ valid: true });
    expect(await checkSession(t.prisma, { sessionId, userId: other.id }, policy, later(5))).toEqual({
      valid: false,
      reason: "unknown",
    });
    expect(await checkSession(t.prisma, { sessionId: "made-up", userId: user.id }, policy, later(5))).toEqual({
      valid: false,
      reason: "unknown",
    });
  });

  it("refuses a session once it is signed out", async () => {
    const sessionId = await openSession(t.prisma, user.id, policy, t0);
    await revokeSession(t.prisma, sessionId, later(10));
    expect(await checkSession(t.prisma, { sessionId, userId: user.id }, policy, later(11))).toEqual({
      valid: false,
      reason: "revoked",
    });
  });

  it("ends a session left idle longer than the timeout, and keeps one in use alive", async () => {
    const idle = await openSession(t.prisma, user.id, policy, t0);
    expect(await checkSession(t.prisma, { sessionId: idle, userId: user.id }, policy, later(3601))).toEqual({
      valid: false,
      reason: "idle",
    });

    const busy = await openSession(t.prisma, user.id, policy, t0);
    // Used every 50 minutes: each use moves lastSeenAt, so three hours later it still stands.
    for (const minutes of [50, 100, 150, 200]) {
      expect(await checkSession(t.prisma, { sessionId: busy, userId: user.id }, policy, later(minutes * 60))).toEqual({
        valid: true,
      });
    }
  });

  it("ends a session at its maximum age even when in use", async () => {
    const short = { maxAgeSeconds: 600, idleTimeoutSeconds: 3600 };
    const sessionId = await openSession(t.prisma, user.id, short, t0);
    expect((await checkSession(t.prisma, { sessionId, userId: user.id }, short, later(300))).valid).toBe(true);
    expect(await checkSession(t.prisma, { sessionId, userId: user.id }, short, later(601))).toEqual({
      valid: false,
      reason: "expired",
    });
  });

  it("forgets a user's ended sessions when they sign in again, and keeps the live ones", async () => {
    const someone = await createUser(t.prisma, {
      workspaceId: (await createWorkspace(t.prisma, { name: "B" })).id,
      role: "ADMIN",
    });
    const signedOut = await openSession(t.prisma, someone.id, policy, t0);
    await revokeSession(t.prisma, signedOut, later(1));
    const idle = await openSession(t.prisma, someone.id, policy, t0);
    const live = await openSession(t.prisma, someone.id, policy, later(3000));
    const fresh = await openSession(t.prisma, someone.id, policy, later(3700));
    const ids = (await t.prisma.authSession.findMany({ where: { userId: someone.id } })).map((s) => s.id).sort();
    expect(ids).toEqual([live, fresh].sort());
    expect(ids).not.toContain(idle);
  });

  it("ends every session of a user at once", async () => {
    const a = await openSession(t.prisma, other.id, policy, t0);
    const b = await openSession(t.prisma, other.id, policy, t0);
    expect(await revokeUserSessions(t.prisma, other.id, later(1))).toBe(2);
    for (const sessionId of [a, b]) {
      expect((await checkSession(t.prisma, { sessionId, userId: other.id }, policy, later(2))).valid).toBe(false);
    }
  });
});
