import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { type DashboardFilter, DashboardFilterInput } from "./filters";
import { journeyFilterSql } from "./journey-shapes";
import { branchStaleness, staleCutoff } from "./staleness";

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

/**
 * Stale branches of the published versions of live journeys, longest idle first. Postgres prefilters on the cutoff
 * (both liveSince and the last fire at or before it) using the EdgeActivity rollup, keyed by stable edge id; each
 * candidate is then judged by `branchStaleness`, the one definition of the rule.
 */
export async function listStaleBranches(
  ctx: DomainContext,
  input: unknown = {},
  options: { now?: Date; staleAfterDays?: number } = {},
): Promise<StaleBranch[]> {
  const filter: DashboardFilter = DashboardFilterInput.parse(input);
  const now = options.now ?? new Date();
  const staleAfterDays = options.staleAfterDays ?? (await workspaceStaleAfterDays(ctx));
  const cutoff = staleCutoff(now, staleAfterDays);
  // A status filter other than LIVE leaves nothing to find: only live journeys have stale branches.
  if (filter.status && filter.status !== "LIVE") return [];
  const rows = await ctx.db.$queryRaw<Row[]>`
    select j.id as "journeyId", j.name as "journeyName", j."ownerId", j.tags, j."liveSince",
      v.id as "versionId", v.number as "versionNumber",
      e->>'id' as "edgeId",
      coalesce(nullif(e->>'label', ''), e->'option'->>'label',
        case when e->'condition'->>'type' = 'else' then 'else' end) as label,
      e->>'source' as "sourceId", e->>'target' as "targetId",
      s->>'name' as "sourceName", s->>'kind' as "sourceKind",
      t->>'name' as "targetName", t->>'kind' as "targetKind",
      a."lastFiredAt", coalesce(a.total, 0) as total
    from "Journey" j
    join "JourneyVersion" v on v."journeyId" = j.id and v.state = 'PUBLISHED'
    cross join lateral jsonb_array_elements(v.definition->'edges') e
    left join "EdgeActivity" a on a."journeyId" = j.id and a."edgeId" = e->>'id'
    left join lateral (select n from jsonb_array_elements(v.definition->'nodes') n
      where n->>'id' = e->>'source' limit 1) src(s) on true
    left join lateral (select n from jsonb_array_elements(v.definition->'nodes') n
      where n->>'id' = e->>'target' limit 1) tgt(t) on true
    where ${journeyFilterSql(ctx.actor.workspaceId, { ...filter, status: "LIVE" })}
      and j."liveSince" <= ${cutoff}
      and coalesce(a."lastFiredAt", j."liveSince") <= ${cutoff}`;
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
  return out.sort((a, b) => b.idleDays - a.idleDays || a.journeyName.localeCompare(b.journeyName));
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
