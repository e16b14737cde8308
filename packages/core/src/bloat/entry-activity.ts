import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import { dateOrNull, jsonRows } from "./json-rows";
import { DAY_MS } from "./staleness";

export interface EntryActivity {
  lastEntryDay: Date | null;
  entriesLast30: number;
}

/**
 * Last entry day and entries over the last 30 days per journey, from the JourneyDailyEntry rollup (every entry node
 * together, whichever version the customer entered): one index range over the last 30 days of the workspace.
 */
export async function loadEntryActivity(
  ctx: DomainContext,
  journeyIds: string[],
  now: Date,
): Promise<Map<string, EntryActivity>> {
  const out = new Map<string, EntryActivity>();
  if (journeyIds.length === 0) return out;
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  // The window from the covering index in one range; the last entry day of a journey quiet in it (few) by a probe.
  const rows = await jsonRows<{ journeyId: string; last: string | null; recent: number | null }>(
    ctx,
    Prisma.sql`
    with recent as (
      select "journeyId", max(day) as last, sum(count) as recent from "JourneyDailyEntry"
      where "workspaceId" = ${ctx.actor.workspaceId} and day >= ${since30}::date
      group by 1
    )
    select j.id as "journeyId", r.recent,
      coalesce(r.last, (select d.day from "JourneyDailyEntry" d where d."journeyId" = j.id order by d.day desc limit 1))
        as last
    from unnest(${journeyIds}::text[]) as j(id) left join recent r on r."journeyId" = j.id`,
  );
  for (const r of rows) {
    out.set(r.journeyId, { lastEntryDay: dateOrNull(r.last), entriesLast30: Number(r.recent ?? 0) });
  }
  return out;
}

/** Entries per day of one journey over `days` days ending today, zeros included (a sparkline needs the gaps). */
export async function dailyEntries(ctx: DomainContext, journeyId: string, now: Date, days: number) {
  const start = new Date(now.getTime() - (days - 1) * DAY_MS);
  const rows = await ctx.db.journeyDailyEntry.findMany({
    where: { journeyId, workspaceId: ctx.actor.workspaceId, day: { gte: new Date(start.toISOString().slice(0, 10)) } },
    select: { day: true, count: true },
  });
  const byDay = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day, entries: byDay.get(day) ?? 0 };
  });
}
