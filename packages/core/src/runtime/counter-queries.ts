import { z } from "zod";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { rollupCounters } from "./counters";

export const CountersInput = z.object({
  journeyId: z.string().min(1),
  days: z.number().int().min(1).max(365).default(30),
});

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Per-edge daily fires with lastFiredAt and total, and per-node daily entries, of one journey: what the canvas
 * shows on edges and the dashboard charts. Read from the rollups (brought up to date first), never from raw events.
 */
export async function journeyCounters(ctx: DomainContext, input: z.input<typeof CountersInput>) {
  const { journeyId, days } = CountersInput.parse(input);
  const journey = await ctx.db.journey.findFirst({
    where: { id: journeyId, workspaceId: ctx.actor.workspaceId },
    select: { id: true },
  });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  // Fold in steps logged since the last scheduled rollup, so what the canvas shows is never behind the log.
  await rollupCounters(ctx.db);
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const [edgeDays, activity, nodeDays] = await Promise.all([
    ctx.db.edgeDailyCount.findMany({ where: { journeyId, day: { gte: since } }, orderBy: { day: "asc" } }),
    ctx.db.edgeActivity.findMany({ where: { journeyId } }),
    ctx.db.nodeDailyCount.findMany({ where: { journeyId, day: { gte: since } }, orderBy: { day: "asc" } }),
  ]);
  const edges = new Map<
    string,
    {
      edgeId: string;
      lastFiredAt: Date | null;
      total: number;
      inWindow: number;
      daily: { day: string; count: number }[];
    }
  >();
  for (const a of activity)
    edges.set(a.edgeId, { edgeId: a.edgeId, lastFiredAt: a.lastFiredAt, total: a.total, inWindow: 0, daily: [] });
  for (const row of edgeDays) {
    const entry = edges.get(row.edgeId) ?? { edgeId: row.edgeId, lastFiredAt: null, total: 0, inWindow: 0, daily: [] };
    entry.daily.push({ day: dayKey(row.day), count: row.count });
    entry.inWindow += row.count;
    edges.set(row.edgeId, entry);
  }
  const nodes = new Map<string, { nodeId: string; inWindow: number; daily: { day: string; count: number }[] }>();
  for (const row of nodeDays) {
    const entry = nodes.get(row.nodeId) ?? { nodeId: row.nodeId, inWindow: 0, daily: [] };
    entry.daily.push({ day: dayKey(row.day), count: row.count });
    entry.inWindow += row.count;
    nodes.set(row.nodeId, entry);
  }
  return { journeyId, since: dayKey(since), days, edges: [...edges.values()], nodes: [...nodes.values()] };
}

/** Customers per state in a journey, and how many are at each step now. */
export async function journeyOccupancy(ctx: DomainContext, journeyId: string) {
  const rows = await ctx.db.enrollment.groupBy({
    by: ["state", "currentStepId"],
    where: { journeyId, workspaceId: ctx.actor.workspaceId },
    _count: { _all: true },
  });
  return rows.map((r) => ({ state: r.state, stepId: r.currentStepId, count: r._count._all }));
}

export async function decisionsForEnrollment(ctx: DomainContext, enrollmentId: string) {
  return ctx.db.decision.findMany({
    where: { enrollmentId, workspaceId: ctx.actor.workspaceId },
    orderBy: { seq: "asc" },
  });
}
