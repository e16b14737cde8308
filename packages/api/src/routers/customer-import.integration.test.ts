import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

describe("customer CSV import", () => {
  let t: TestDatabase;
  let manager: { id: string };
  let marketer: { id: string };
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const acme = await createWorkspace(t.prisma, { name: "Acme" });
    workspaceId = acme.id;
    manager = await createUser(t.prisma, { workspaceId, role: "MANAGER" });
    marketer = await createUser(t.prisma, { workspaceId, role: "MARKETER" });
  });
  afterAll(() => t?.drop());

  const columns = ["userId", "email", "timezone", "consent_email", "firstName"];

  it("upserts good rows like identify and reports bad ones by line and column", async () => {
    const api = callerFor(t.prisma, manager.id);
    const result = await api.customers.import({
      columns,
      firstLine: 2,
      rows: [
        ["u1", "Ada@Example.test", "Europe/Paris", "yes", "Ada"],
        ["", "nobody@example.test", "", "", "No id"],
        ["u3", "not-an-email", "", "", "Bad"],
        ["u4", "", "Mars/Olympus", "", "Zone"],
        ["u5", "", "", "maybe", "Consent"],
        ["u6", "grace@example.test"],
        ["u7", "", "", "no", "Lin"],
      ],
    });
    expect(result.imported).toBe(2);
    expect(result.rejected).toEqual([
      { line: 3, field: "userId", reason: "is required" },
      { line: 4, field: "email", reason: '"not-an-email" is not an email address' },
      { line: 5, field: "timezone", reason: '"Mars/Olympus" is not an IANA time zone' },
      { line: 6, field: "consent_email", reason: '"maybe" is not yes/no' },
      { line: 7, field: "row", reason: "has 2 values for 5 columns" },
    ]);
    const ada = await t.prisma.customer.findFirstOrThrow({ where: { workspaceId, externalId: "u1" } });
    expect(ada).toMatchObject({
      email: "ada@example.test",
      timeZone: "Europe/Paris",
      consent: { email: true },
      traits: { firstName: "Ada" },
    });

    // A re-import updates the same profile and keeps what the new file does not mention.
    await api.customers.import({ columns: ["userId", "plan"], firstLine: 2, rows: [["u1", "gold"]] });
    const again = await t.prisma.customer.findMany({ where: { workspaceId, externalId: "u1" } });
    expect(again).toHaveLength(1);
    expect(again[0]?.traits).toEqual({ firstName: "Ada", plan: "gold" });
    expect(await t.prisma.auditEntry.count({ where: { workspaceId, action: "customer.import" } })).toBe(2);
  });

  it("refuses a file without userId, bad input per field, and marketers", async () => {
    const api = callerFor(t.prisma, manager.id);
    await expect(api.customers.import({ columns: ["email"], firstLine: 2, rows: [["a@b.c"]] })).rejects.toThrow(
      /userId column/,
    );
    await expect(api.customers.import({ columns, firstLine: 2, rows: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      callerFor(t.prisma, marketer.id).customers.import({ columns, firstLine: 2, rows: [["u9", "", "", "", ""]] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
