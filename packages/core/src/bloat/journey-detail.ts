import { z } from "zod";
import { parseStoredDefinition } from "../journeys/draft-definition";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { dailyEntries } from "./entry-activity";
import { loadPauses } from "./journey-pauses";
import { workspaceStaleAfterDays } from "./stale-branches";
import { branchStaleness, DAY_MS } from "./staleness";
import { ensureVersionCache } from "./version-cache";

export const JourneyDetailInput = z.object({ journeyId: z.string().trim().min(1, "choose a journey") });

const WEEKS = 13;

/**
 * One journey's drill-down: entries per day over 90 days and, per branch of the version that runs, its fires per
 * week over 13 weeks, its total and last fire (EdgeActivity, across versions) and whether it is stale.
 */
export async function journeyBloatDetail(ctx: DomainContext, input: unknown, at?: Date) {
  const { journeyId } = JourneyDetailInput.parse(input);
  const now = at ?? new Date();
  const journey = await ctx.db.journey.findFirst({ where: { id: journeyId, workspaceId: ctx.actor.workspaceId } });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  const version =
    (await ctx.db.journeyVersion.findFirst({ where: { journeyId, state: "PUBLISHED" } })) ??
    (await ctx.db.journeyVersion.findFirst({ where: { journeyId }, orderBy: { number: "desc" } }));
  if (!version) throw AppError.notFound("Journey", journeyId);
  const definition = parseStoredDefinition(version.definition);
  const nodes = new Map(definition.nodes.map((n) => [n.id, n as { id: string; kind: string; name?: string }]));
  const staleAfterDays = await workspaceStaleAfterDays(ctx);
  const firstWeek = new Date(now.getTime() - (WEEKS * 7 - 1) * DAY_MS);
  await ensureVersionCache(ctx);
  const [sparkline, activity, since, pauses, weekly, owner] = await Promise.all([
    dailyEntries(ctx, journeyId, now, 90),
    ctx.db.edgeActivity.findMany({ where: { journeyId, workspaceId: ctx.actor.workspaceId } }),
    ctx.db.bloatEdgeSince.findMany({ where: { journeyId, workspaceId: ctx.actor.workspaceId } }),
    loadPauses(ctx, [journeyId]),
    ctx.db.$queryRaw<Array<{ edgeId: string; bucket: number; count: bigint }>>`
      select "edgeId", floor(("day" - ${firstWeek}::date) / 7)::int as bucket, sum(count) as count
      from "EdgeDailyCount"
      where "journeyId" = ${journeyId} and "workspaceId" = ${ctx.actor.workspaceId} and day >= ${firstWeek}::date
      group by 1, 2`,
    loadUserRefs(ctx.db, [journey.ownerId]),
  ]);
  const byEdge = new Map(activity.map((a) => [a.edgeId, a]));
  const firstPublished = new Map(since.map((s) => [s.edgeId, s.firstPublishedAt]));
  const weeks = new Map<string, number[]>();
  for (const row of weekly) {
    const series = weeks.get(row.edgeId) ?? Array.from({ length: WEEKS }, () => 0);
    if (row.bucket >= 0 && row.bucket < WEEKS) series[row.bucket] = Number(row.count);
    weeks.set(row.edgeId, series);
  }
  const branches = definition.edges.map((e) => {
    const edge = e as { id: string; source: string; target: string; label?: string; option?: { label?: string } };
    const record = byEdge.get(edge.id);
    const verdict = branchStaleness({
      status: journey.status,
      liveSince: journey.liveSince,
      lastFiredAt: record?.lastFiredAt ?? null,
      edgeSince: firstPublished.get(edge.id) ?? null,
      pauses: pauses.get(journeyId),
      now,
      staleAfterDays,
    });
    const series = weeks.get(edge.id) ?? Array.from({ length: WEEKS }, () => 0);
    return {
      edgeId: edge.id,
      label: edge.label || edge.option?.label || null,
      source: {
        id: edge.source,
        name: nodes.get(edge.source)?.name ?? null,
        kind: nodes.get(edge.source)?.kind ?? null,
      },
      target: {
        id: edge.target,
        name: nodes.get(edge.target)?.name ?? null,
        kind: nodes.get(edge.target)?.kind ?? null,
      },
      weekly: series,
      firesLast13Weeks: series.reduce((a, b) => a + b, 0),
      totalFires: record?.total ?? 0,
      lastFiredAt: record?.lastFiredAt ?? null,
      stale: verdict.stale,
      idleDays: verdict.stale ? verdict.idleDays : null,
    };
  });
  return {
    journey: {
      id: journey.id,
      name: journey.name,
      status: journey.status,
      liveSince: journey.liveSince,
      tags: journey.tags,
      owner: owner.get(journey.ownerId) ?? { id: journey.ownerId, name: "Former member" },
    },
    version: { id: version.id, number: version.number, state: version.state },
    staleAfterDays,
    entries: sparkline,
    branches,
  };
}
