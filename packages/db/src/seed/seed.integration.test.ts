import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../password";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "../testing/index";
import { DEMO_CREDENTIALS } from "./demo-credentials";
import { seedDemo } from "./demo";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("seedDemo", () => {
  it("creates the demo users the first time and nothing more when run again", async () => {
    const first = await seedDemo(db.prisma);
    const counts = async () => ({
      workspaces: await db.prisma.workspace.count(),
      users: await db.prisma.user.count(),
      memberships: await db.prisma.membership.count(),
      objectives: await db.prisma.objective.count(),
    });
    const afterFirst = await counts();
    const second = await seedDemo(db.prisma);

    expect(first.createdUsers).toBe(true);
    expect(second.createdUsers).toBe(false);
    expect(afterFirst).toEqual({ workspaces: 2, users: 4, memberships: 4, objectives: 2 });
    expect(await counts()).toEqual(afterFirst);
    expect(second.workspaces.acme.id).toBe(first.workspaces.acme.id);
  });

  it("gives each demo user its role in its workspace and a hash of the published password", async () => {
    await seedDemo(db.prisma);
    for (const demo of Object.values(DEMO_CREDENTIALS)) {
      const user = await db.prisma.user.findUniqueOrThrow({
        where: { email: demo.email },
        include: { memberships: { include: { workspace: true } } },
      });
      expect(user.memberships.map((m) => [m.workspace.slug, m.role])).toEqual([[demo.workspaceSlug, demo.role]]);
      expect(await verifyPassword(demo.password, user.passwordHash)).toBe(true);
    }
  });

  it("puts the objectives in Acme only, with the repeat-purchase metric", async () => {
    const { workspaces } = await seedDemo(db.prisma);
    const repeat = await db.prisma.objective.findFirstOrThrow({ where: { name: "Repeat purchase" } });
    expect(repeat.workspaceId).toBe(workspaces.acme.id);
    expect(repeat.metric).toEqual({
      event: "Order Completed",
      aggregation: "count",
      windowDays: 14,
      direction: "increase",
    });
    expect(repeat.negativeSignals).toEqual([{ event: "Unsubscribed" }]);
    expect(await db.prisma.objective.count({ where: { workspaceId: workspaces.globex.id } })).toBe(0);
  });
});

describe("test factories", () => {
  it("create a workspace and a member whose plain password matches its hash", async () => {
    const workspace = await createWorkspace(db.prisma, { name: "Initech" });
    const user = await createUser(db.prisma, { workspaceId: workspace.id, role: "MANAGER" });
    expect(user.membership).toMatchObject({ workspaceId: workspace.id, role: "MANAGER" });
    expect(await verifyPassword(user.password, user.passwordHash)).toBe(true);
  });
});
