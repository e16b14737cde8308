import { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";

/** The counts of a version's graph, from its JSON; shared with the live path for journeys never published. */
export const shapeColumns = Prisma.sql`
  jsonb_array_length(v.definition->'nodes'),
  jsonb_array_length(v.definition->'edges'),
  (select count(*)::int from jsonb_array_elements(v.definition->'nodes') n where n->>'kind' = 'rule_split'),
  coalesce((select array_agg(n->>'id') from jsonb_array_elements(v.definition->'nodes') n
    where n->>'kind' = 'entry'), '{}'),
  coalesce((select array_agg(case n->'config'->'trigger'->>'type'
      when 'event' then 'event:' || (n->'config'->'trigger'->>'event')
      when 'segment' then 'segment:' || (n->'config'->'trigger'->>'segmentId') else '' end)
    from jsonb_array_elements(v.definition->'nodes') n where n->>'kind' = 'entry'), '{}')`;

/**
 * Fills BloatVersionEdge/BloatVersionShape for the workspace's published (and superseded) versions that have no rows
 * yet. Those versions are immutable, so each is expanded from its JSON once, ever; when nothing is new this is two
 * anti-joins on primary keys. Concurrent fills are harmless (`on conflict do nothing`); edges go first so that a
 * shape row always means its edges are there.
 */
export async function ensureVersionCache(ctx: DomainContext) {
  const workspaceId = ctx.actor.workspaceId;
  await ctx.db.$executeRaw`
    insert into "BloatVersionEdge" ("versionId", "edgeId", "workspaceId", "journeyId", label,
      "sourceId", "sourceName", "sourceKind", "targetId", "targetName", "targetKind")
    select v.id, e->>'id', v."workspaceId", v."journeyId",
      coalesce(nullif(e->>'label', ''), e->'option'->>'label',
        case when e->'condition'->>'type' = 'else' then 'else' end),
      e->>'source', src->>'name', src->>'kind', e->>'target', tgt->>'name', tgt->>'kind'
    from "JourneyVersion" v
    cross join lateral (
      select jsonb_object_agg(n->>'id', n) as byid from jsonb_array_elements(v.definition->'nodes') n
    ) nodes
    cross join lateral jsonb_array_elements(v.definition->'edges') e
    cross join lateral (select nodes.byid->(e->>'source') as src, nodes.byid->(e->>'target') as tgt) ends
    where v."workspaceId" = ${workspaceId} and v.state in ('PUBLISHED', 'SUPERSEDED')
      and not exists (select 1 from "BloatVersionShape" s where s."versionId" = v.id)
      and e->>'id' is not null
    on conflict do nothing`;
  await ctx.db.$executeRaw`
    insert into "BloatVersionShape" ("versionId", "workspaceId", "journeyId", nodes, branches, "ruleSplits",
      "entryNodeIds", "entryKeys")
    select v.id, v."workspaceId", v."journeyId", ${shapeColumns}
    from "JourneyVersion" v
    where v."workspaceId" = ${workspaceId} and v.state in ('PUBLISHED', 'SUPERSEDED')
      and not exists (select 1 from "BloatVersionShape" s where s."versionId" = v.id)
    on conflict do nothing`;
}
