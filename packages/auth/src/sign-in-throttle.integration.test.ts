import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countMutation } from "./mutation-limit";
import { SIGN_IN_LIMITS, SignInLockedError, signInWithPassword } from "./sign-in-throttle";

const t0 = new Date("2026-12-01T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("sign-in lockout and back-off", () => {
  let t: TestDatabase;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    workspaceId = (await createWorkspace(t.prisma, { name: "Acme" })).id;
  });
  afterAll(() => t?.drop());

  async function attempt(email: string, password: string, address: string | null, when: Date) {
    try {
      return await signInWithPassword(t.prisma, { credentials: { email, password }, address }, when);
    } catch (error) {
      if (error instanceof SignInLockedError) return error;
      throw error;
    }
  }

  it("locks an account after repeated wrong passwords, even for the right one, then doubles the lockout", async () => {
    const user = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
    for (let i = 1; i < SIGN_IN_LIMITS.maxFailuresPerAccount; i++) {
      expect(await attempt(user.email, "wrong", `10.0.0.${i}`, at(i))).toBeNull();
    }
    // The failure that reaches the limit already answers with the lockout and its wait.
    const locked = await attempt(user.email, "wrong", "10.0.1.1", at(10));
    expect(locked).toBeInstanceOf(SignInLockedError);
    expect((locked as SignInLockedError).retryAfterSeconds).toBe(60);
    expect((locked as SignInLockedError).message).toBe("Too many sign-in attempts. Try again in 1 minute.");

    // Locked: the right password from elsewhere is refused too.
    expect(await attempt(user.email, user.password, "10.0.2.1", at(30))).toBeInstanceOf(SignInLockedError);

    // After the lockout, five more failures lock it again for twice as long.
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccount - 1; i++) {
      expect(await attempt(user.email, "wrong", "10.0.3.1", at(80 + i))).toBeNull();
    }
    const second = await attempt(user.email, "wrong", "10.0.3.1", at(90));
    expect((second as SignInLockedError).retryAfterSeconds).toBe(120);
    expect(await attempt(user.email, user.password, "10.0.3.2", at(200))).toBeInstanceOf(SignInLockedError);

    // Once it ends, the right password signs in and the count starts over.
    expect(await attempt(user.email, user.password, "10.0.3.2", at(211))).toMatchObject({ id: user.id });
    expect(await attempt(user.email, "wrong", "10.0.3.2", at(212))).toBeNull();
  });

  it("counts an account whatever the case of the email", async () => {
    const user = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccount - 1; i++) {
      await attempt(i % 2 ? user.email.toUpperCase() : user.email, "wrong", null, at(i));
    }
    expect(await attempt(user.email.toUpperCase(), "wrong", null, at(9))).toBeInstanceOf(SignInLockedError);
  });

  it("forgets failures once the window has passed", async () => {
    const user = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAccount - 1; i++) {
      expect(await attempt(user.email, "wrong", null, at(i))).toBeNull();
    }
    expect(await attempt(user.email, "wrong", null, at(SIGN_IN_LIMITS.windowSeconds + 5))).toBeNull();
  });

  it("drops counters idle for a day when someone signs in, keeping those still locked", async () => {
    const user = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
    await attempt("stale-guess@example.com", "wrong", "192.0.2.50", at(0));
    const day = 24 * 3600;
    await t.prisma.rateLimitCounter.create({
      data: {
        key: "sign-in:account:still-locked@example.com",
        count: 0,
        windowStart: at(0),
        updatedAt: at(0),
        lockedUntil: at(2 * day),
      },
    });
    expect(await attempt(user.email, user.password, "192.0.2.51", at(day + 10))).toMatchObject({ id: user.id });
    const keys = (await t.prisma.rateLimitCounter.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).not.toContain("sign-in:account:stale-guess@example.com");
    expect(keys).not.toContain("sign-in:address:192.0.2.50");
    expect(keys).toContain("sign-in:account:still-locked@example.com");
  });

  it("locks an address that tries many accounts, without locking those accounts elsewhere", async () => {
    const victim = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
    let last: unknown = null;
    for (let i = 0; i < SIGN_IN_LIMITS.maxFailuresPerAddress; i++) {
      last = await attempt(`guess-${i}@example.com`, "wrong", "203.0.113.9", at(i));
    }
    expect(last).toBeInstanceOf(SignInLockedError);
    expect(await attempt(victim.email, victim.password, "203.0.113.9", at(30))).toBeInstanceOf(SignInLockedError);
    expect(await attempt(victim.email, victim.password, "198.51.100.7", at(31))).toMatchObject({ id: victim.id });
  });
});

describe("mutations per user", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("allows the limit per minute, refuses beyond it until the window ends, per user", async () => {
    for (let i = 0; i < 3; i++) {
      expect(await countMutation(t.prisma, "user-a", { limit: 3, now: at(i) })).toEqual({ allowed: true });
    }
    expect(await countMutation(t.prisma, "user-a", { limit: 3, now: at(20) })).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
    expect(await countMutation(t.prisma, "user-b", { limit: 3, now: at(20) })).toEqual({ allowed: true });
    expect(await countMutation(t.prisma, "user-a", { limit: 3, now: at(61) })).toEqual({ allowed: true });
  });

  it("loses no hit when many arrive at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => countMutation(t.prisma, "user-c", { limit: 10, now: at(0) })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
