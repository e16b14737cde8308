import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import type { DashboardFilter } from "./filters";
import { dateOrNull, jsonRows } from "./json-rows";
import { ensureVersionCache, shapeColumns } from "./version-cache";

/** A journey as the dashboard sees it: counts of the version that runs, without parsing graphs in Node. */
export interface JourneyShape {
  id: string;
  name: string;
  status: "DRAFT" | "LIVE" | "PAUSED" | "ARCHIVED";
  liveSince: Date | null;
  ownerId: string;
  tags: string[];
  versionId: string | null;
  versionNumber: number | null;
  nodes: number;
  branches: number;
  ruleSplits: number;
  /** Entry nodes with what they listen to: `event:<name>` or `segment:<id>`, the key overlap groups by. */
  entries: Array<{ id: string; key: string | null }>;
}

export function journeyFilterSql(workspaceId: string, filter: DashboardFilter, alias = "j") {
  const j = Prisma.raw(`"${alias}"`);
  return Prisma.sql`${j}."workspaceId" = ${workspaceId}
    ${filter.status ? Prisma.sql`and ${j}.status = ${filter.status}::"JourneyStatus"` : Prisma.sql`and ${j}.status <> 'ARCHIVED'`}
    ${filter.ownerId ? Prisma.sql`and ${j}."ownerId" = ${filter.ownerId}` : Prisma.empty}
    ${filter.tag ? Prisma.sql`and ${filter.tag} = any(${j}.tags)` : Prisma.empty}`;
}

type Row = Omit<JourneyShape, "entries" | "liveSince"> & {
  liveSince: string | null;
  entryNodeIds: string[] | null;
  entryKeys: string[] | null;
};

/**
 * The published version of each journey, from the BloatVersionShape copy; a journey never published is measured on
 * its latest version straight from the JSON (drafts are few and may still change, so they are not copied).
 */
export async function loadJourneyShapes(ctx: DomainContext, filter: DashboardFilter): Promise<JourneyShape[]> {
  await ensureVersionCache(ctx);
  const rows = await jsonRows<Row>(
    ctx,
    Prisma.sql`
    select j.id, j.name, j.status::text as status, j."liveSince" at time zone 'UTC' as "liveSince", j."ownerId", j.tags,
      p.id as "versionId", p.number as "versionNumber", s.nodes, s.branches, s."ruleSplits",
      s."entryNodeIds", s."entryKeys"
    from "Journey" j
    left join "JourneyVersion" p on p."journeyId" = j.id and p.state = 'PUBLISHED'
    left join "BloatVersionShape" s on s."versionId" = p.id
    where ${journeyFilterSql(ctx.actor.workspaceId, filter)}
    order by j.name`,
  );
  const unpublished = rows.filter((r) => r.versionId === null).map((r) => r.id);
  const drafts = unpublished.length
    ? await ctx.db.$queryRaw<Array<Row & { journeyId: string }>>`
        select distinct on (v."journeyId") v."journeyId", v.id as "versionId", v.number as "versionNumber",
          s.nodes, s.branches, s."ruleSplits", s."entryNodeIds", s."entryKeys"
        from "JourneyVersion" v
        cross join lateral (select ${shapeColumns}) as s(nodes, branches, "ruleSplits", "entryNodeIds", "entryKeys")
        where v."journeyId" = any(${unpublished}::text[]) and v.state <> 'ARCHIVED'
        order by v."journeyId", v.number desc`
    : [];
  const byJourney = new Map(drafts.map((d) => [d.journeyId, d]));
  return rows.map((r) => {
    const source = r.versionId === null ? (byJourney.get(r.id) ?? r) : r;
    const ids = source.entryNodeIds ?? [];
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      liveSince: dateOrNull(r.liveSince),
      ownerId: r.ownerId,
      tags: r.tags,
      versionId: source.versionId ?? null,
      versionNumber: source.versionNumber ?? null,
      nodes: source.nodes ?? 0,
      branches: source.branches ?? 0,
      ruleSplits: source.ruleSplits ?? 0,
      entries: ids.map((id, i) => ({ id, key: source.entryKeys?.[i] || null })),
    };
  });
}
