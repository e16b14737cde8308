import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainContext } from "../workspace/scope";
import { importCustomers } from "./import-customers";

/** One bad cell rejects its row, by line and column, and the rest of the chunk still imports. */
describe("customer CSV import with hostile cells and headers", () => {
  let t: TestDatabase;
  let ctx: DomainContext;

  beforeAll(async () => {
    t = await createTestDatabase();
    const ws = await createWorkspace(t.prisma, { name: "Acme" });
    const manager = await createUser(t.prisma, { workspaceId: ws.id, role: "MANAGER" });
    ctx = { db: t.prisma, actor: { userId: manager.id, workspaceId: ws.id, role: "MANAGER" } };
  });
  afterAll(() => t?.drop());

  const customer = (externalId: string) =>
    t.prisma.customer.findFirst({ where: { workspaceId: ctx.actor.workspaceId, externalId } });

  it("rejects rows with a NUL, an unpaired surrogate or an overlong cell and keeps the good rows", async () => {
    const result = await importCustomers(ctx, {
      columns: ["userId", "firstName", "plan"],
      firstLine: 10,
      rows: [
        ["good-1", "Ada", "gold"],
        ["nul", "Gr\u0000ace", "gold"],
        ["surrogate", "Lin", "\ud800"],
        ["lone\udc00", "Kay", "gold"],
        ["long", "x".repeat(2_001), "gold"],
        ["good-2", "Joan", "😀"],
      ],
    });
    expect(result.imported).toBe(2);
    expect(result.rejected).toEqual([
      { line: 11, field: "firstName", reason: "must not contain NUL (\\u0000) characters" },
      { line: 12, field: "plan", reason: "must not contain an unpaired surrogate (\\ud800-\\udfff without its pair)" },
      {
        line: 13,
        field: "userId",
        reason: "must not contain an unpaired surrogate (\\ud800-\\udfff without its pair)",
      },
      { line: 14, field: "firstName", reason: "is longer than 2000 characters" },
    ]);
    expect((await customer("good-1"))?.traits).toEqual({ firstName: "Ada", plan: "gold" });
    expect((await customer("good-2"))?.traits).toEqual({ firstName: "Joan", plan: "😀" });
    expect(await customer("nul")).toBeNull();
  });

  it("reads columns named constructor or prototype as traits, not as consent", async () => {
    const result = await importCustomers(ctx, {
      columns: ["userId", "constructor", "prototype", "consent_email"],
      firstLine: 2,
      rows: [["ctor", "maybe", "yes", "no"]],
    });
    expect(result).toEqual({ imported: 1, rejected: [] });
    const stored = await customer("ctor");
    expect(stored?.traits).toEqual({ constructor: "maybe", prototype: "yes" });
    expect(stored?.consent).toEqual({ email: false });
  });

  it("refuses a file whose header names __proto__ or consent, naming the column, and imports nothing", async () => {
    for (const [name, index] of [
      ["__proto__", 1],
      ["Consent", 2],
    ] as const) {
      const columns = ["userId", "plan", "plan2"];
      columns[index] = name;
      const refused = importCustomers(ctx, { columns, firstLine: 2, rows: [["refused", "a", "b"]] });
      await expect(refused).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["columns", index] })] });
    }
    expect(await customer("refused")).toBeNull();
  });
});
