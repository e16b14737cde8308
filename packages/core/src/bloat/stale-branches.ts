import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { type DashboardFilter, DashboardFilterInput } from "./filters";
import { journeyFilterSql } from "./journey-shapes";
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

const staleFrom = (ctx: DomainContext, filter: DashboardFilter, cutoff: Date) => Prisma.sql`
    from "Journey" j
    join "JourneyVersion" v on v."journeyId" = j.id and v.state = 'PUBLISHED'
    join "BloatVersionEdge" e on e."versionId" = v.id
    left join "EdgeActivity" a on a."journeyId" = j.id and a."edgeId" = e."edgeId"
    where ${journeyFilterSql(ctx.actor.workspaceId, { ...filter, status: "LIVE" })}
      and j."liveSince" <= ${cutoff}
      and coalesce(a."lastFiredAt", j."liveSince") <= ${cutoff}`;

/**
 * Stale branches of the published versions of live journeys, longest idle first (at most `limit`, all by default).
 * Postgres prefilters on the cutoff (both liveSince and the last fire at or before it) over the EdgeActivity rollup,
 * keyed by stable edge id, and the relational copy of each published version's edges; each candidate is then judged
 * by `branchStaleness`, the one definition of the rule (a unit test proves the prefilter equivalent).
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
    select j.id as "journeyId", j.name as "journeyName", j."ownerId", j.tags, j."liveSince",
      v.id as "versionId", v.number as "versionNumber", e."edgeId", e.label,
      e."sourceId", e."sourceName", e."sourceKind", e."targetId", e."targetName", e."targetKind",
      a."lastFiredAt", coalesce(a.total, 0) as total
    ${staleFrom(ctx, filter, cutoff)}
    order by coalesce(a."lastFiredAt", j."liveSince"), j.name, e."edgeId"
    ${options.limit ? Prisma.sql`limit ${options.limit}` : Prisma.empty}`;
  const users = await loadUserRefs(ctx.db, [...new Set(rows.map((r) => r.ownerId))]);
  const out: StaleBranch[] = [];
  for (const r of rows) {
    const verdict = branchStaleness({
      status: "LIVE",
      liveSince: r.liveSince,
      lastFiredAt: r.lastFiredAt,
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

/** Stale branches per journey, for totals and the bloat score: the same prefilter, counted in Postgres. */
export async function countStaleBranches(
  ctx: DomainContext,
  filter: DashboardFilter,
  now: Date,
  staleAfterDays: number,
) {
  if (filter.status && filter.status !== "LIVE") return new Map<string, number>();
  await ensureVersionCache(ctx);
  const rows = await ctx.db.$queryRaw<Array<{ journeyId: string; n: number }>>`
    select j.id as "journeyId", count(*)::int as n ${staleFrom(ctx, filter, staleCutoff(now, staleAfterDays))}
    group by j.id`;
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
