import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "./authenticate";

describe("authenticate", () => {
  let t: TestDatabase;
  let user: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    const workspace = await createWorkspace(t.prisma, { name: "Acme" });
    user = await createUser(t.prisma, { workspaceId: workspace.id, role: "MARKETER" });
  });
  afterAll(() => t?.drop());

  it("accepts the right password, whatever the case of the email", async () => {
    const result = await authenticate(t.prisma, { email: user.email.toUpperCase(), password: user.password });
    expect(result).toEqual({ id: user.id, email: user.email, name: user.name });
  });

  it("refuses a wrong password", async () => {
    expect(await authenticate(t.prisma, { email: user.email, password: `${user.password}x` })).toBeNull();
  });

  it("refuses an unknown email the same way", async () => {
    expect(await authenticate(t.prisma, { email: "nobody@example.com", password: "whatever" })).toBeNull();
  });

  it("refuses malformed credentials without throwing", async () => {
    expect(await authenticate(t.prisma, { email: "not-an-email" })).toBeNull();
    expect(await authenticate(t.prisma, null)).toBeNull();
  });

  it("stores a real password hash, never the password", async () => {
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain(user.password);
    expect(row.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
  });
});
