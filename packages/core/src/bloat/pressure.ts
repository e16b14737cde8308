import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import { parseWorkspaceGuardrails } from "../journeys/compile-version";
import { journeyFilterSql } from "./journey-shapes";
import { type DashboardFilter, DashboardFilterInput } from "./filters";
import { DAY_MS } from "./staleness";

export interface ChannelPressure {
  channel: string;
  /** The tightest frequency cap of the channel expressed per week (max × 168 / windowHours); null without a cap. */
  weeklyCap: number | null;
  capLabel: string | null;
  weeks: Array<{
    week: string;
    customers: number;
    messages: number;
    perCustomer: number;
    p95: number;
    max: number;
    overCap: number;
  }>;
}

const WEEKS = 8;

/**
 * Messages per customer per ISO week over the last eight weeks, per channel and across all journeys (the caps are
 * global), compared with the workspace's frequency caps. Dropped sends are not pressure: the customer never got them.
 * Filters narrow the journeys whose messages count; messages sent outside journeys count when there is no filter.
 */
export async function messagePressure(ctx: DomainContext, input: unknown = {}, at?: Date): Promise<ChannelPressure[]> {
  const filter: DashboardFilter = DashboardFilterInput.parse(input);
  const now = at ?? new Date();
  const ws = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { guardrails: true },
  });
  const caps = parseWorkspaceGuardrails(ws.guardrails).frequencyCaps;
  const monday = new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS);
  const since = new Date(`${monday.toISOString().slice(0, 10)}T00:00:00Z`).getTime() - (WEEKS - 1) * 7 * DAY_MS;
  const filtered = filter.ownerId || filter.tag || filter.status;
  const tightest = new Map<string, { max: number; windowHours: number; weekly: number }>();
  for (const cap of caps) {
    const weekly = (cap.max * 168) / cap.windowHours;
    const known = tightest.get(cap.channel);
    if (!known || weekly < known.weekly) tightest.set(cap.channel, { ...cap, weekly });
  }
  const capChannels = [...tightest.keys()];
  const capWeekly = capChannels.map((c) => tightest.get(c)?.weekly ?? 0);
  const rows = await ctx.db.$queryRaw<
    Array<{ channel: string; week: Date; customers: bigint; messages: bigint; p95: number; max: number; over: bigint }>
  >`
    with per as (
      select m.channel, date_trunc('week', m."createdAt" at time zone 'UTC') as week, m."customerId", count(*)::int as n
      from "Message" m
      ${filtered ? Prisma.sql`join "Journey" j on j.id = m."journeyId" and ${journeyFilterSql(ctx.actor.workspaceId, filter)}` : Prisma.empty}
      where m."workspaceId" = ${ctx.actor.workspaceId} and m."createdAt" >= ${new Date(since)}
        and m."customerId" is not null and m.status <> 'DROPPED'
      group by 1, 2, 3
    )
    select per.channel, week, count(*) as customers, sum(n) as messages,
      percentile_disc(0.95) within group (order by n) as p95, max(n) as max,
      count(*) filter (where n > c.weekly) as over
    from per left join unnest(${capChannels}::text[], ${capWeekly}::float8[]) as c(channel, weekly)
      on c.channel = per.channel
    group by 1, 2 order by 1, 2`;
  const channels = new Set([...caps.map((c) => c.channel), ...rows.map((r) => r.channel)]);
  return [...channels].sort().map((channel) => {
    const cap = tightest.get(channel);
    const weeklyCap = cap ? Math.round(cap.weekly * 10) / 10 : null;
    return {
      channel,
      weeklyCap,
      capLabel: cap ? `${cap.max} per ${cap.windowHours} h` : null,
      weeks: rows
        .filter((r) => r.channel === channel)
        .map((r) => ({
          week: r.week.toISOString().slice(0, 10),
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
