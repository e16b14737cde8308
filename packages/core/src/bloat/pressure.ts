import { Prisma } from "@northstar/db";
import { parseWorkspaceGuardrails } from "../journeys/compile-version";
import type { DomainContext } from "../workspace/scope";
import { type DashboardFilter, DashboardFilterInput, isUnfiltered } from "./filters";
import { journeyFilterSql } from "./journey-shapes";
import { DAY_MS } from "./staleness";

export interface PressureWeek {
  week: string;
  customers: number;
  messages: number;
  perCustomer: number;
  p95: number;
  max: number;
  overCap: number;
}

export interface ChannelPressure {
  channel: string;
  /** The tightest frequency cap of the channel expressed per week (max × 168 / windowHours); null without a cap. */
  weeklyCap: number | null;
  capLabel: string | null;
  weeks: PressureWeek[];
}

type WeekRow = {
  channel: string;
  week: Date;
  customers: number;
  messages: number;
  p95: number;
  max: number;
  over: number;
};

const WEEKS = 8;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Messages per customer per ISO week over the last eight weeks, per channel and across all journeys (the caps are
 * global), compared with the workspace's frequency caps expressed per week. Dropped sends are not pressure: the
 * customer never got them. Unfiltered, complete weeks come from BloatPressureWeek (computed once, recomputed when the
 * cap changed) and only the current week is aggregated; filtered by owner/tag/status, every week is aggregated over
 * the matching journeys' messages.
 */
export async function messagePressure(ctx: DomainContext, input: unknown = {}, at?: Date): Promise<ChannelPressure[]> {
  const filter: DashboardFilter = DashboardFilterInput.parse(input);
  const now = at ?? new Date();
  const ws = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { guardrails: true },
  });
  const tightest = new Map<string, { max: number; windowHours: number; weekly: number }>();
  for (const cap of parseWorkspaceGuardrails(ws.guardrails).frequencyCaps) {
    const weekly = Math.round(((cap.max * 168) / cap.windowHours) * 10) / 10;
    const known = tightest.get(cap.channel);
    if (!known || weekly < known.weekly) tightest.set(cap.channel, { ...cap, weekly });
  }
  const monday = new Date(`${iso(new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS))}T00:00:00Z`);
  const first = new Date(monday.getTime() - (WEEKS - 1) * 7 * DAY_MS);
  const caps = { channels: [...tightest.keys()], weekly: [...tightest.values()].map((c) => c.weekly) };
  let rows: WeekRow[];
  if (isUnfiltered(filter)) {
    const cached = await ctx.db.bloatPressureWeek.findMany({
      where: { workspaceId: ctx.actor.workspaceId, week: { gte: first, lt: monday } },
    });
    const stale = (r: (typeof cached)[number]) => (tightest.get(r.channel)?.weekly ?? null) !== r.weeklyCap;
    const fresh = cached.filter((r) => !stale(r));
    const have = new Set(fresh.map((r) => iso(r.week)));
    const missing = Array.from({ length: WEEKS - 1 }, (_, i) => new Date(first.getTime() + i * 7 * DAY_MS)).filter(
      (w) => !have.has(iso(w)),
    );
    const computed: WeekRow[] = [];
    for (const week of missing) {
      const weekRows = await aggregate(ctx, filter, week, new Date(week.getTime() + 7 * DAY_MS), caps);
      for (const r of weekRows) {
        const data = {
          customers: r.customers,
          messages: r.messages,
          p95: r.p95,
          max: r.max,
          overCap: r.over,
          weeklyCap: tightest.get(r.channel)?.weekly ?? null,
        };
        await ctx.db.bloatPressureWeek.upsert({
          where: { workspaceId_week_channel: { workspaceId: ctx.actor.workspaceId, week, channel: r.channel } },
          create: { workspaceId: ctx.actor.workspaceId, week, channel: r.channel, ...data },
          update: data,
        });
      }
      computed.push(...weekRows);
    }
    const current = await aggregate(ctx, filter, monday, new Date(monday.getTime() + 7 * DAY_MS), caps);
    rows = [...fresh.map((r) => ({ ...r, over: r.overCap })), ...computed, ...current];
  } else {
    rows = await aggregate(ctx, filter, first, new Date(monday.getTime() + 7 * DAY_MS), caps);
  }
  const channels = new Set([...tightest.keys(), ...rows.map((r) => r.channel)]);
  return [...channels].sort().map((channel) => {
    const cap = tightest.get(channel);
    return {
      channel,
      weeklyCap: cap ? cap.weekly : null,
      capLabel: cap ? `${cap.max} per ${cap.windowHours} h` : null,
      weeks: rows
        .filter((r) => r.channel === channel)
        .sort((a, b) => a.week.getTime() - b.week.getTime())
        .map((r) => ({
          week: iso(r.week),
          customers: Number(r.customers),
          messages: Number(r.messages),
          perCustomer: Math.round((Number(r.messages) / Math.max(1, Number(r.customers))) * 100) / 100,
          p95: Number(r.p95),
          max: Number(r.max),
          overCap: Number(r.over),
        })),
    };
  });
}

async function aggregate(
  ctx: DomainContext,
  filter: DashboardFilter,
  from: Date,
  to: Date,
  caps: { channels: string[]; weekly: number[] },
): Promise<WeekRow[]> {
  const filtered = !isUnfiltered(filter);
  return ctx.db.$queryRaw<WeekRow[]>`
    with per as (
      select m.channel, date_trunc('week', m."createdAt" at time zone 'UTC') as week, m."customerId", count(*)::int as n
      from "Message" m
      ${filtered ? Prisma.sql`join "Journey" j on j.id = m."journeyId" and ${journeyFilterSql(ctx.actor.workspaceId, filter)}` : Prisma.empty}
      where m."workspaceId" = ${ctx.actor.workspaceId} and m."createdAt" >= ${from} and m."createdAt" < ${to}
        and m."customerId" is not null and m.status <> 'DROPPED'
      group by 1, 2, 3
    )
    select per.channel, week, count(*)::int as customers, sum(n)::int as messages,
      percentile_disc(0.95) within group (order by n) as p95, max(n) as max,
      count(*) filter (where n > c.weekly)::int as over
    from per left join unnest(${caps.channels}::text[], ${caps.weekly}::float8[]) as c(channel, weekly)
      on c.channel = per.channel
    group by 1, 2 order by 1, 2`;
}
