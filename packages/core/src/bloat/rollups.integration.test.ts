import type { Prisma } from "@northstar/db";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupCounters } from "../runtime/counters";
import type { DomainContext } from "../workspace/scope";
import { countStaleBranches, listStaleBranches } from "./stale-branches";
import { DAY_MS } from "./staleness";

const now = new Date();
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

/** The dashboard's rollups, fed through the production write paths: the step log and the counter rollup. */
describe("bloat rollups", () => {
  let t: TestDatabase;
  let ctx: DomainContext;
  let ws: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    ws = (await createWorkspace(t.prisma, { name: "Acme" })).id;
    const manager = await createUser(t.prisma, { workspaceId: ws, role: "MANAGER" });
    ctx = { db: t.prisma, actor: { userId: manager.id, workspaceId: ws, role: "MANAGER" } };
  });
  afterAll(() => t?.drop());

  let seq = 0;
  async function enter(journeyId: string, customerId: string, at: Date) {
    const id = `en${seq++}`;
    await t.prisma.enrollment.create({
      data: { id, workspaceId: ws, journeyId, versionId: `v-${journeyId}`, customerId, enteredAt: at },
    });
    await t.prisma.stepExecution.create({
      data: {
        workspaceId: ws,
        enrollmentId: id,
        seq: 0,
        stepId: "entry",
        kind: "entry",
        edgeId: "start",
        targetStepId: "next",
        outcome: "entered",
        executedAt: at,
      },
    });
  }

  it("keeps customers-in-both-journeys exact over the 30-day window, however entries are batched", async () => {
    const journeys = ["ja", "jb", "jc", "jd"];
    // Pseudo-random entries over 45 days, rolled up in several batches.
    let r = 7;
    const rnd = () => {
      r = (r * 48271) % 2147483647;
      return r / 2147483647;
    };
    const entries: Array<{ journeyId: string; customerId: string; at: Date }> = [];
    for (let batch = 0; batch < 4; batch++) {
      for (let i = 0; i < 60; i++) {
        const e = {
          journeyId: journeys[Math.floor(rnd() * 4)]!,
          customerId: `c${Math.floor(rnd() * 25)}`,
          at: daysAgo(rnd() * 45),
        };
        entries.push(e);
        await enter(e.journeyId, e.customerId, e.at);
      }
      await rollupCounters(t.prisma);
    }
    await rollupCounters(t.prisma);
    const windowStart = new Date(`${daysAgo(29).toISOString().slice(0, 10)}T00:00:00Z`);
    for (const [a, b] of [
      ["ja", "jb"],
      ["ja", "jc"],
      ["jb", "jd"],
      ["jc", "jd"],
    ] as const) {
      const inWindow = (j: string) =>
        new Set(entries.filter((e) => e.journeyId === j && e.at >= windowStart).map((e) => e.customerId));
      const expected = [...inWindow(a)].filter((c) => inWindow(b).has(c)).length;
      const buckets = await t.prisma.journeyPairDaily.findMany({
        where: { journeyA: a, journeyB: b, day: { gte: windowStart } },
      });
      expect(buckets.reduce((n, x) => n + x.customers, 0)).toBe(expected);
    }
    const daily = await t.prisma.journeyDailyEntry.findMany({ where: { journeyId: "ja" } });
    expect(daily.reduce((n, d) => n + d.count, 0)).toBe(entries.filter((e) => e.journeyId === "ja").length);
  });

  it("records pauses from status changes and leaves paused time out of a branch's idle time", async () => {
    const objective = await t.prisma.objective.create({
      data: { workspaceId: ws, name: "Repeat", metric: { event: "Order Completed" } },
    });
    const definition = {
      formatVersion: 1,
      nodes: [
        { id: "entry", kind: "entry", name: "Entry", position: { x: 0, y: 0 }, config: {} },
        { id: "next", kind: "goal", name: "Goal", position: { x: 0, y: 100 }, config: {} },
      ],
      edges: [{ id: "start", source: "entry", target: "next" }],
    };
    const journey = await t.prisma.journey.create({
      data: {
        workspaceId: ws,
        name: "Paused once",
        objectiveId: objective.id,
        ownerId: ctx.actor.userId,
        status: "LIVE",
        liveSince: daysAgo(200),
        versions: {
          create: {
            workspaceId: ws,
            number: 1,
            state: "PUBLISHED",
            definition,
            createdById: ctx.actor.userId,
            updatedById: ctx.actor.userId,
            publishedAt: daysAgo(200),
          },
        },
      },
    });
    // Never fired in 200 days: stale.
    expect((await listStaleBranches(ctx, {})).map((b) => [b.journeyName, b.idleDays])).toContainEqual([
      "Paused once",
      200,
    ]);

    await t.prisma.journey.update({ where: { id: journey.id }, data: { status: "PAUSED" } });
    expect(await t.prisma.journeyPause.findMany({ where: { journeyId: journey.id } })).toEqual([
      expect.objectContaining({ resumedAt: null }),
    ]);
    expect((await listStaleBranches(ctx, {})).map((b) => b.journeyName)).not.toContain("Paused once");
    await t.prisma.journey.update({ where: { id: journey.id }, data: { status: "LIVE" } });
    const [pause] = await t.prisma.journeyPause.findMany({ where: { journeyId: journey.id } });
    expect(pause?.resumedAt).not.toBeNull();

    // Pretend the pause lasted 150 days: 50 running days remain, too few; the SQL count and the rule agree.
    await t.prisma.journeyPause.update({
      where: { id: pause!.id },
      data: { pausedAt: daysAgo(160), resumedAt: daysAgo(10) },
    });
    expect((await listStaleBranches(ctx, {})).map((b) => b.journeyName)).not.toContain("Paused once");
    expect((await countStaleBranches(ctx, {}, new Date(), 90)).get(journey.id)).toBeUndefined();
    // A 100-day pause leaves 100 running days: stale again, idle 100 days by both.
    await t.prisma.journeyPause.update({ where: { id: pause!.id }, data: { pausedAt: daysAgo(110) } });
    const stale = (await listStaleBranches(ctx, {})).find((b) => b.journeyName === "Paused once");
    expect(stale).toMatchObject({ edgeId: "start", idleDays: 100, neverFired: true });
    expect((await countStaleBranches(ctx, {}, new Date(), 90)).get(journey.id)).toBe(1);
  });

  it("starts the idle clock of an edge added by a later version at that version's publication", async () => {
    const journey = await t.prisma.journey.findFirstOrThrow({ where: { name: "Paused once" } });
    await t.prisma.journeyPause.deleteMany({ where: { journeyId: journey.id } });
    const v1 = await t.prisma.journeyVersion.findFirstOrThrow({ where: { journeyId: journey.id } });
    const definition = v1.definition as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, string>> };
    await t.prisma.journeyVersion.update({ where: { id: v1.id }, data: { state: "SUPERSEDED" } });
    await t.prisma.journeyVersion.create({
      data: {
        journeyId: journey.id,
        workspaceId: ws,
        number: 2,
        state: "PUBLISHED",
        definition: {
          ...definition,
          edges: [...definition.edges, { id: "later", source: "entry", target: "next" }],
        } as Prisma.InputJsonValue,
        createdById: ctx.actor.userId,
        updatedById: ctx.actor.userId,
        publishedAt: daysAgo(30),
      },
    });
    const mine = (await listStaleBranches(ctx, {})).filter((b) => b.journeyId === journey.id);
    // "start" keeps its clock from v1 (200 days); "later" was published 30 days ago and is not stale.
    expect(mine.map((b) => [b.edgeId, b.idleDays, b.versionNumber])).toEqual([["start", 200, 2]]);

    // A fire through the rollup moves the clock on: the edge leaves the list.
    await t.prisma.enrollment.create({
      data: { id: "fire", workspaceId: ws, journeyId: journey.id, versionId: "v2", customerId: "c1" },
    });
    await t.prisma.stepExecution.create({
      data: {
        workspaceId: ws,
        enrollmentId: "fire",
        seq: 0,
        stepId: "entry",
        kind: "entry",
        edgeId: "start",
        targetStepId: "next",
        outcome: "entered",
      },
    });
    await rollupCounters(t.prisma);
    expect((await listStaleBranches(ctx, {})).filter((b) => b.journeyId === journey.id)).toEqual([]);
  });
});
