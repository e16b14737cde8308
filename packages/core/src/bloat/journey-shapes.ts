import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import type { DashboardFilter } from "./filters";

/** A journey as the dashboard sees it: counts read straight from the stored JSON in Postgres, no graph parsing. */
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

/**
 * The published version of each journey (the latest version when none was ever published): that is what runs, so
 * that is what the audit measures.
 */
export async function loadJourneyShapes(ctx: DomainContext, filter: DashboardFilter): Promise<JourneyShape[]> {
  const rows = await ctx.db.$queryRaw<
    Array<
      Omit<JourneyShape, "nodes" | "branches" | "ruleSplits"> & {
        nodes: number | null;
        branches: number | null;
        ruleSplits: number | null;
      }
    >
  >`
    select j.id, j.name, j.status::text as status, j."liveSince", j."ownerId", j.tags,
      v.id as "versionId", v.number as "versionNumber",
      jsonb_array_length(v.definition->'nodes') as nodes,
      jsonb_array_length(v.definition->'edges') as branches,
      (select count(*)::int from jsonb_array_elements(v.definition->'nodes') n where n->>'kind' = 'rule_split')
        as "ruleSplits",
      (select coalesce(jsonb_agg(jsonb_build_object('id', n->>'id', 'key',
          case n->'config'->'trigger'->>'type'
            when 'event' then 'event:' || (n->'config'->'trigger'->>'event')
            when 'segment' then 'segment:' || (n->'config'->'trigger'->>'segmentId')
          end)), '[]'::jsonb)
        from jsonb_array_elements(v.definition->'nodes') n where n->>'kind' = 'entry') as entries
    from "Journey" j
    left join lateral (
      select id, number, definition from "JourneyVersion" jv
      where jv."journeyId" = j.id and jv.state <> 'ARCHIVED'
      order by (jv.state = 'PUBLISHED') desc, jv.number desc limit 1
    ) v on true
    where ${journeyFilterSql(ctx.actor.workspaceId, filter)}
    order by j.name`;
  return rows.map((r) => ({ ...r, nodes: r.nodes ?? 0, branches: r.branches ?? 0, ruleSplits: r.ruleSplits ?? 0 }));
}
