import type { DomainContext } from "../workspace/scope";
import type { JourneyShape } from "./journey-shapes";
import { DAY_MS } from "./staleness";

export interface EntryActivity {
  lastEntryDay: Date | null;
  entriesLast30: number;
}

/**
 * Entries per journey from the NodeDailyCount rollup of its entry nodes (the runtime counts every enrolment there),
 * matched as (journey, node) pairs so that two journeys using the same node id never mix.
 */
export async function loadEntryActivity(
  ctx: DomainContext,
  shapes: JourneyShape[],
  now: Date,
  windowDays = 90,
): Promise<Map<string, EntryActivity>> {
  const pairs = shapes.flatMap((s) => s.entries.map((e) => [s.id, e.id] as const));
  const out = new Map<string, EntryActivity>();
  if (pairs.length === 0) return out;
  // Only the window is read (an index range per entry node): idle means no entry inside it, so older days only
  // matter for the "last entry" date of idle journeys, fetched for those few below.
  const windowStart = new Date(now.getTime() - Math.max(30, windowDays) * DAY_MS);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const rows = await ctx.db.$queryRaw<Array<{ journeyId: string; last: Date | null; recent: bigint | null }>>`
    select p.journey as "journeyId", max(d.day) as last, sum(d.count) filter (where d.day >= ${since30}::date) as recent
    from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) as p(journey, node)
    join "NodeDailyCount" d on d."journeyId" = p.journey and d."nodeId" = p.node and d.day >= ${windowStart}::date
    group by p.journey`;
  for (const r of rows) out.set(r.journeyId, { lastEntryDay: r.last, entriesLast30: Number(r.recent ?? 0) });
  const quiet = pairs.filter(([journey]) => !out.has(journey));
  if (quiet.length) {
    const older = await ctx.db.$queryRaw<Array<{ journeyId: string; last: Date | null }>>`
      select p.journey as "journeyId",
        (select max(d.day) from "NodeDailyCount" d where d."journeyId" = p.journey and d."nodeId" = p.node) as last
      from unnest(${quiet.map((p) => p[0])}::text[], ${quiet.map((p) => p[1])}::text[]) as p(journey, node)`;
    for (const r of older) {
      const known = out.get(r.journeyId)?.lastEntryDay ?? null;
      const last = r.last && (!known || r.last > known) ? r.last : known;
      out.set(r.journeyId, { lastEntryDay: last, entriesLast30: 0 });
    }
  }
  return out;
}

/** Entries per day of one journey over `days` days ending today, zeros included (a sparkline needs the gaps). */
export async function dailyEntries(
  ctx: DomainContext,
  journey: { id: string; entryNodeIds: string[] },
  now: Date,
  days: number,
) {
  const start = new Date(now.getTime() - (days - 1) * DAY_MS);
  const ids = journey.entryNodeIds;
  const rows = ids.length
    ? await ctx.db.$queryRaw<Array<{ day: Date; count: bigint }>>`
        select day, sum(count) as count from "NodeDailyCount"
        where "journeyId" = ${journey.id} and "workspaceId" = ${ctx.actor.workspaceId}
          and "nodeId" = any(${ids}::text[]) and day >= ${start}::date
        group by day`
    : [];
  const byDay = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), Number(r.count)]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day, entries: byDay.get(day) ?? 0 };
  });
}
