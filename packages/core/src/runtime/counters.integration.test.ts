import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJourney } from "../journeys/journey-service";
import { createObjective } from "../objectives/objectives";
import type { DomainContext } from "../workspace/scope";
import { journeyCounters } from "./counter-queries";
import { rollupCounters } from "./counters";

/** The step log is the exactly-once source of the counters: overlapping rollups never count a row twice. */
describe("rollupCounters", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("counts every logged step once, across concurrent and repeated rollups", async () => {
    const CUSTOMERS = 300;
    const day = new Date("2026-11-20T23:30:00Z");
    const nextDay = new Date("2026-11-21T00:30:00Z");
    for (let i = 0; i < CUSTOMERS; i++) {
      await t.prisma.enrollment.create({
        data: { id: `e${i}`, workspaceId: "w", journeyId: "j", versionId: "v", customerId: `c${i}` },
      });
    }
    const log = (i: number, seq: number, stepId: string, kind: string, edgeId: string | null, to: string | null) => ({
      workspaceId: "w",
      enrollmentId: `e${i}`,
      seq,
      stepId,
      kind,
      edgeId,
      targetStepId: to,
      outcome: "ok",
      executedAt: i % 3 === 0 ? nextDay : day,
    });
    await t.prisma.stepExecution.createMany({
      data: Array.from({ length: CUSTOMERS }, (_, i) => [
        log(i, 0, "entry", "entry", "entry-choose", "choose"),
        log(i, 1, "choose", "agent", i % 2 ? "opt-a" : "opt-b", i % 2 ? "a" : "b"),
        log(i, 2, i % 2 ? "a" : "b", "goal", null, null),
      ]).flat(),
    });

    const counted = await Promise.all([rollupCounters(t.prisma), rollupCounters(t.prisma), rollupCounters(t.prisma)]);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(CUSTOMERS * 3);
    expect(await rollupCounters(t.prisma)).toBe(0);

    const edges = await t.prisma.edgeDailyCount.findMany({ where: { journeyId: "j" } });
    const edgeTotal = (id: string) => edges.filter((e) => e.edgeId === id).reduce((s, e) => s + e.count, 0);
    expect(edgeTotal("entry-choose")).toBe(CUSTOMERS);
    expect(edgeTotal("opt-a")).toBe(CUSTOMERS / 2);
    expect(edgeTotal("opt-b")).toBe(CUSTOMERS / 2);
    // Split by the UTC day of execution.
    expect(edges.find((e) => e.edgeId === "entry-choose" && e.day.toISOString().startsWith("2026-11-21"))?.count).toBe(
      CUSTOMERS / 3,
    );
    const activity = await t.prisma.edgeActivity.findMany({ where: { journeyId: "j" } });
    expect(Object.fromEntries(activity.map((a) => [a.edgeId, [a.total, a.lastFiredAt.toISOString()]]))).toEqual({
      "entry-choose": [CUSTOMERS, nextDay.toISOString()],
      "opt-a": [CUSTOMERS / 2, nextDay.toISOString()],
      "opt-b": [CUSTOMERS / 2, nextDay.toISOString()],
    });
    const nodes = await t.prisma.nodeDailyCount.findMany({ where: { journeyId: "j" } });
    const nodeTotal = (id: string) => nodes.filter((n) => n.nodeId === id).reduce((s, n) => s + n.count, 0);
    expect([nodeTotal("entry"), nodeTotal("choose"), nodeTotal("a"), nodeTotal("b")]).toEqual([
      CUSTOMERS,
      CUSTOMERS,
      CUSTOMERS / 2,
      CUSTOMERS / 2,
    ]);

    // Steps logged later are added to the same rows.
    await t.prisma.stepExecution.create({ data: log(CUSTOMERS - 1, 3, "x", "wait", "opt-a", "a") });
    expect(await rollupCounters(t.prisma)).toBe(1);
    const after = await t.prisma.edgeActivity.findUniqueOrThrow({
      where: { journeyId_edgeId: { journeyId: "j", edgeId: "opt-a" } },
    });
    expect(after.total).toBe(CUSTOMERS / 2 + 1);
  });

  it("brings the counters up to date when they are read, for the caller's workspace only", async () => {
    const workspace = await createWorkspace(t.prisma);
    const user = await createUser(t.prisma, { workspaceId: workspace.id, role: "MARKETER" });
    const ctx: DomainContext = {
      db: t.prisma,
      actor: { userId: user.id, workspaceId: workspace.id, role: "MARKETER" },
    };
    const objective = await createObjective(
      { ...ctx, actor: { ...ctx.actor, role: "ADMIN" } },
      { name: "Purchases", metric: { event: "purchase", aggregation: "count", windowDays: 14, direction: "increase" } },
    );
    const journey = await createJourney(ctx, { name: "Read-time rollup", objectiveId: objective.id });
    await t.prisma.enrollment.create({
      data: { id: "fresh", workspaceId: workspace.id, journeyId: journey.id, versionId: "v", customerId: "c" },
    });
    await t.prisma.stepExecution.create({
      data: {
        workspaceId: workspace.id,
        enrollmentId: "fresh",
        seq: 0,
        stepId: "entry",
        kind: "entry",
        edgeId: "e1",
        targetStepId: "next",
        outcome: "entered",
      },
    });
    const counters = await journeyCounters(ctx, { journeyId: journey.id, days: 7 });
    expect(counters.edges).toMatchObject([{ edgeId: "e1", total: 1, inWindow: 1 }]);
    expect(counters.nodes.map((n) => [n.nodeId, n.inWindow]).sort()).toEqual([
      ["entry", 1],
      ["next", 1],
    ]);
    await expect(
      journeyCounters({ ...ctx, actor: { ...ctx.actor, workspaceId: "other" } }, { journeyId: journey.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
