import type { DomainContext } from "../workspace/scope";
import { DAY_MS } from "./staleness";

export interface TrendTotals {
  journeys: number;
  nodes: number;
  branches: number;
  staleBranches: number;
  ruleSplits: number;
}

const utcDay = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);

/** Today's point of the trend: structure cannot be rebuilt from counters later, so it is kept when it is seen. */
export async function recordTodaySnapshot(ctx: DomainContext, now: Date, totals: TrendTotals) {
  const data = {
    journeys: totals.journeys,
    nodes: totals.nodes,
    branches: totals.branches,
    staleBranches: totals.staleBranches,
    ruleSplits: totals.ruleSplits,
  };
  await ctx.db.bloatSnapshot.upsert({
    where: { workspaceId_day: { workspaceId: ctx.actor.workspaceId, day: utcDay(now) } },
    create: { workspaceId: ctx.actor.workspaceId, day: utcDay(now), ...data },
    update: data,
  });
}

export async function loadTrend(ctx: DomainContext, now: Date, days: number) {
  const rows = await ctx.db.bloatSnapshot.findMany({
    where: { workspaceId: ctx.actor.workspaceId, day: { gte: utcDay(new Date(now.getTime() - days * DAY_MS)) } },
    orderBy: { day: "asc" },
  });
  return rows.map(({ workspaceId: _w, day, ...point }) => ({ day: day.toISOString().slice(0, 10), ...point }));
}
