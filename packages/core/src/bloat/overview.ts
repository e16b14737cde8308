import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { bloatScore } from "./bloat-score";
import { loadEntryActivity } from "./entry-activity";
import { DashboardFilterInput, isUnfiltered } from "./filters";
import { loadJourneyShapes } from "./journey-shapes";
import { loadPauses } from "./journey-pauses";
import { findOverlaps } from "./overlap";
import { countStaleBranches, workspaceStaleAfterDays } from "./stale-branches";
import { journeyIdle } from "./staleness";
import { loadTrend, recordTodaySnapshot } from "./trend";

export interface RankedJourney {
  id: string;
  name: string;
  status: string;
  owner: { id: string; name: string };
  tags: string[];
  liveSince: Date | null;
  nodes: number;
  branches: number;
  staleBranches: number;
  ruleSplits: number;
  overlappingJourneys: number;
  idle: boolean;
  lastEntryDay: Date | null;
  entriesLast30: number;
  score: number;
  scoreParts: ReturnType<typeof bloatScore>["parts"];
}

/**
 * Everything the dashboard's first screen shows, from rollups and stored definitions only: totals, the trend,
 * journeys ranked by bloat score, idle journeys and overlapping pairs. The stale list is its own query (it is also
 * the CSV export) and its per-journey counts feed the score here.
 */
export async function dashboardOverview(ctx: DomainContext, input: unknown = {}, at?: Date) {
  const filter = DashboardFilterInput.parse(input);
  const now = at ?? new Date();
  // Independent reads run side by side (a manager's page, rarely many at once): the page costs its slowest read,
  // not the sum of them.
  const [staleAfterDays, shapes, owners] = await Promise.all([
    workspaceStaleAfterDays(ctx),
    loadJourneyShapes(ctx, filter),
    ownersAndTags(ctx),
  ]);
  const ids = shapes.map((s) => s.id);
  const liveIds = shapes.filter((s) => s.status === "LIVE").map((s) => s.id);
  const [staleByJourney, entries, pauses, overlaps, users] = await Promise.all([
    countStaleBranches(ctx, filter, now, staleAfterDays),
    loadEntryActivity(ctx, ids, now),
    loadPauses(ctx, liveIds),
    findOverlaps(ctx, shapes, now),
    loadUserRefs(
      ctx.db,
      shapes.map((s) => s.ownerId),
    ),
  ]);
  const overlapCount = new Map<string, number>();
  for (const p of overlaps) {
    overlapCount.set(p.a.id, (overlapCount.get(p.a.id) ?? 0) + 1);
    overlapCount.set(p.b.id, (overlapCount.get(p.b.id) ?? 0) + 1);
  }
  const ranked: RankedJourney[] = shapes.map((s) => {
    const activity = entries.get(s.id);
    const idle = journeyIdle({
      status: s.status,
      liveSince: s.liveSince,
      lastEntryDay: activity?.lastEntryDay ?? null,
      pauses: pauses.get(s.id),
      now,
      staleAfterDays,
    });
    const staleBranches = staleByJourney.get(s.id) ?? 0;
    const overlappingJourneys = overlapCount.get(s.id) ?? 0;
    const scored = bloatScore({ ...s, staleBranches, idle, overlappingJourneys });
    return {
      id: s.id,
      name: s.name,
      status: s.status,
      owner: users.get(s.ownerId) ?? { id: s.ownerId, name: "Former member" },
      tags: s.tags,
      liveSince: s.liveSince,
      nodes: s.nodes,
      branches: s.branches,
      staleBranches,
      ruleSplits: s.ruleSplits,
      overlappingJourneys,
      idle,
      lastEntryDay: activity?.lastEntryDay ?? null,
      entriesLast30: activity?.entriesLast30 ?? 0,
      score: scored.score,
      scoreParts: scored.parts,
    };
  });
  ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const totals = {
    journeys: shapes.length,
    live: shapes.filter((s) => s.status === "LIVE").length,
    nodes: shapes.reduce((n, s) => n + s.nodes, 0),
    branches: shapes.reduce((n, s) => n + s.branches, 0),
    staleBranches: [...staleByJourney.values()].reduce((a, b) => a + b, 0),
    ruleSplits: shapes.reduce((n, s) => n + s.ruleSplits, 0),
    idleJourneys: ranked.filter((r) => r.idle).length,
    overlappingPairs: overlaps.length,
  };
  // Trend points are workspace-wide: a filtered view must not overwrite today's point with a partial count.
  if (isUnfiltered(filter)) await recordTodaySnapshot(ctx, now, totals);
  const trend = await loadTrend(ctx, now, 180);
  return { staleAfterDays, generatedAt: now, totals, trend, ranked, overlaps, filters: owners };
}

/** The choices of the filter bar: owners and tags of the workspace's journeys (distinct values, from Postgres). */
async function ownersAndTags(ctx: DomainContext) {
  const [row] = await ctx.db.$queryRaw<Array<{ owners: string[]; tags: string[] }>>`
    select coalesce(array(select distinct "ownerId" from "Journey" where "workspaceId" = ${ctx.actor.workspaceId}), '{}') as owners,
      coalesce(array(select distinct unnest(tags) from "Journey" where "workspaceId" = ${ctx.actor.workspaceId}), '{}')
        as tags`;
  const users = await loadUserRefs(ctx.db, row?.owners ?? []);
  return {
    owners: [...users.values()].sort((a, b) => a.name.localeCompare(b.name)),
    tags: [...(row?.tags ?? [])].sort(),
  };
}
