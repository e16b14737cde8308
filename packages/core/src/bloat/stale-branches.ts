import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { type DashboardFilter, DashboardFilterInput } from "./filters";
import { journeyFilterSql } from "./journey-shapes";
import { jsonRows } from "./json-rows";
import { loadPauses } from "./journey-pauses";
import { branchStaleness, staleCutoff } from "./staleness";
import { ensureVersionCache } from "./version-cache";

export interface StaleBranch {
  journeyId: string;
  journeyName: string;
  owner: { id: string; name: string };
  tags: string[];
  versionId: string;
  versionNumber: number;
  edgeId: string;
  /** The edge's label, its agent option's label, or "else" for a rule split's default branch. */
  label: string | null;
  source: { id: string; name: string | null; kind: string | null };
  target: { id: string; name: string | null; kind: string | null };
  lastFiredAt: Date | null;
  totalFires: number;
  idleDays: number;
  neverFired: boolean;
}

interface Row {
  journeyId: string;
  journeyName: string;
  ownerId: string;
  tags: string[];
  liveSince: Date;
  firstPublishedAt: Date;
  versionId: string;
  versionNumber: number;
  edgeId: string;
  label: string | null;
  sourceId: string;
  sourceName: string | null;
  sourceKind: string | null;
  targetId: string;
  targetName: string | null;
  targetKind: string | null;
  lastFiredAt: Date | null;
  total: number;
}

export async function workspaceStaleAfterDays(ctx: DomainContext) {
  const ws = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { staleAfterDays: true },
  });
  return ws.staleAfterDays;
}

/** Paused time of the candidate's journey after `from`, from the `pz` arrays; no work for a journey never paused. */
const pausedAfter = (from: Prisma.Sql, now: Date) => Prisma.sql`(case when pz.jid is null then interval '0' else (
    select coalesce(sum(greatest(interval '0', least(u.t, ${now}) - greatest(u.f, ${from}))), interval '0')
    from unnest(pz.froms, pz.tos) as u(f, t)) end)`;

/**
 * The stale edges of published versions of live journeys, as a CTE `c` with their running idle start: a range over
 * BloatEdgeSince's `idleSince` (the later of first publication and last fire, kept by the version cache and the
 * counter rollup), hash-joined to the live journeys and their published versions (materialized first, so that no
 * edge costs an index probe). Paused time is
 * added back from JourneyPause: running time >= N days exactly when start + paused time <= now - N days.
 * `branchStaleness` is the same rule in TypeScript; an integration test keeps the two equal.
 */
const staleCandidates = (ctx: DomainContext, filter: DashboardFilter, now: Date, cutoff: Date) => {
  const idleFrom = Prisma.sql`greatest(j."liveSince", s."idleSince")`;
  return Prisma.sql`
    with pz as (
      select "journeyId" as jid, array_agg("pausedAt") as froms, array_agg(coalesce("resumedAt", ${now})) as tos
      from "JourneyPause" where "workspaceId" = ${ctx.actor.workspaceId} group by 1
    ), live as materialized (
      select j.id, j.name, j."ownerId", j.tags, j."liveSince", v.id as "versionId", v.number as "versionNumber"
      from "Journey" j join "JourneyVersion" v on v."journeyId" = j.id and v.state = 'PUBLISHED'
      where ${journeyFilterSql(ctx.actor.workspaceId, { ...filter, status: "LIVE" })} and j."liveSince" <= ${cutoff}
    ), c as (
      select j.id as "journeyId", j.name as "journeyName", j."ownerId", j.tags, j."liveSince", s."edgeId",
        s."firstPublishedAt", j."versionId", j."versionNumber",
        ${idleFrom} + ${pausedAfter(idleFrom, now)} as "runningIdleFrom"
      from "BloatEdgeSince" s
      join live j on j.id = s."journeyId" and j."versionId" = s."versionId"
      left join pz on pz.jid = j.id
      where s."workspaceId" = ${ctx.actor.workspaceId} and s."idleSince" <= ${cutoff}
        and j."liveSince" + ${pausedAfter(Prisma.sql`j."liveSince"`, now)} <= ${cutoff}
        and ${idleFrom} + ${pausedAfter(idleFrom, now)} <= ${cutoff}
    )`;
};

/**
 * Stale branches of the published versions of live journeys, longest idle first (at most `limit`, all by default).
 * Postgres selects them from the rollups (never raw events) and each is then judged by `branchStaleness`, the one
 * definition of the rule, which also gives its idle days.
 */
export async function listStaleBranches(
  ctx: DomainContext,
  input: unknown = {},
  options: { now?: Date; staleAfterDays?: number; limit?: number } = {},
): Promise<StaleBranch[]> {
  const filter: DashboardFilter = DashboardFilterInput.parse(input);
  const now = options.now ?? new Date();
  const staleAfterDays = options.staleAfterDays ?? (await workspaceStaleAfterDays(ctx));
  const cutoff = staleCutoff(now, staleAfterDays);
  // A status filter other than LIVE leaves nothing to find: only live journeys have stale branches.
  if (filter.status && filter.status !== "LIVE") return [];
  await ensureVersionCache(ctx);
  const rows = await ctx.db.$queryRaw<Row[]>`
    ${staleCandidates(ctx, filter, now, cutoff)}, page as (
      select * from c order by "runningIdleFrom", "journeyName", "edgeId"
      ${options.limit ? Prisma.sql`limit ${options.limit}` : Prisma.empty}
    )
    select page.*, e.label, e."sourceId", e."sourceName", e."sourceKind", e."targetId", e."targetName",
      e."targetKind", a."lastFiredAt", coalesce(a.total, 0) as total
    from page
    join "BloatVersionEdge" e on e."versionId" = page."versionId" and e."edgeId" = page."edgeId"
    left join "EdgeActivity" a on a."journeyId" = page."journeyId" and a."edgeId" = page."edgeId"
    order by page."runningIdleFrom", page."journeyName", page."edgeId"`;
  const journeyIds = [...new Set(rows.map((r) => r.journeyId))];
  const [users, pauses] = await Promise.all([
    loadUserRefs(ctx.db, [...new Set(rows.map((r) => r.ownerId))]),
    loadPauses(ctx, journeyIds),
  ]);
  const out: StaleBranch[] = [];
  for (const r of rows) {
    const verdict = branchStaleness({
      status: "LIVE",
      liveSince: r.liveSince,
      lastFiredAt: r.lastFiredAt,
      edgeSince: r.firstPublishedAt,
      pauses: pauses.get(r.journeyId),
      now,
      staleAfterDays,
    });
    if (!verdict.stale) continue;
    out.push({
      journeyId: r.journeyId,
      journeyName: r.journeyName,
      owner: users.get(r.ownerId) ?? { id: r.ownerId, name: "Former member" },
      tags: r.tags,
      versionId: r.versionId,
      versionNumber: r.versionNumber,
      edgeId: r.edgeId,
      label: r.label,
      source: { id: r.sourceId, name: r.sourceName, kind: r.sourceKind },
      target: { id: r.targetId, name: r.targetName, kind: r.targetKind },
      lastFiredAt: r.lastFiredAt,
      totalFires: Number(r.total),
      idleDays: verdict.idleDays,
      neverFired: verdict.neverFired,
    });
  }
  return out;
}

/** Stale branches per journey, for totals and the bloat score: the same selection, counted in Postgres. */
export async function countStaleBranches(
  ctx: DomainContext,
  filter: DashboardFilter,
  now: Date,
  staleAfterDays: number,
) {
  if (filter.status && filter.status !== "LIVE") return new Map<string, number>();
  await ensureVersionCache(ctx);
  const rows = await jsonRows<{ journeyId: string; n: number }>(
    ctx,
    Prisma.sql`${staleCandidates(ctx, filter, now, staleCutoff(now, staleAfterDays))}
    select "journeyId", count(*)::int as n from c group by 1`,
  );
  return new Map(rows.map((r) => [r.journeyId, r.n]));
}

/** RFC 4180 CSV of the stale list; a cell that starts like a formula is prefixed so spreadsheets do not run it. */
export function staleBranchesCsv(rows: StaleBranch[]): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = [
    "journey_id",
    "journey",
    "owner",
    "version",
    "edge_id",
    "branch",
    "from",
    "to",
    "last_fired_at",
    "total_fires",
    "idle_days",
  ];
  const lines = rows.map((r) =>
    [
      r.journeyId,
      r.journeyName,
      r.owner.name,
      r.versionNumber,
      r.edgeId,
      r.label,
      r.source.name ?? r.source.id,
      r.target.name ?? r.target.id,
      r.lastFiredAt ? r.lastFiredAt.toISOString() : "never",
      r.totalFires,
      r.idleDays,
    ]
      .map(cell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
