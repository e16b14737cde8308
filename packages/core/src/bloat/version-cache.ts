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

const uncached = (workspaceId: string) => Prisma.sql`
  v."workspaceId" = ${workspaceId} and v.state in ('PUBLISHED', 'SUPERSEDED')
  and not exists (select 1 from "BloatVersionShape" s where s."versionId" = v.id)`;

/**
 * Fills BloatVersionEdge/BloatVersionShape for the workspace's published (and superseded) versions that have no rows
 * yet, and BloatEdgeSince for their edges. Those versions are immutable, so each is expanded from its JSON once,
 * ever; when nothing is new this is one anti-join on primary keys. The fill holds the counter-rollup lock: the rollup
 * moves `idleSince` of cached edges on, and this reads EdgeActivity for the edges it adds, so neither can miss a fire
 * the other is committing. Edges go first so that a shape row always means its edges are there.
 */
export async function ensureVersionCache(ctx: DomainContext) {
  const workspaceId = ctx.actor.workspaceId;
  const [pending] = await ctx.db.$queryRaw<Array<{ any: boolean }>>`
    select exists (select 1 from "JourneyVersion" v where ${uncached(workspaceId)}) as any`;
  if (!pending?.any) return;
  await ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('northstar:counter-rollup'))`;
      await tx.$executeRaw`
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
      where ${uncached(workspaceId)} and e->>'id' is not null
      on conflict do nothing`;
      // An edge's clock starts when a version holding it was first published (a version added later starts its new
      // edges then, not at liveSince) and moves to its last fire; `versionId` follows the newest version holding it.
      await tx.$executeRaw`
      insert into "BloatEdgeSince" ("workspaceId", "journeyId", "edgeId", "firstPublishedAt", "idleSince", "versionId")
      select n."workspaceId", n."journeyId", n."edgeId", first.at, greatest(first.at, a."lastFiredAt"),
        case when kv.number > n."newestNumber" then known."versionId" else n."newestId" end
      from (
        select e."workspaceId", e."journeyId", e."edgeId", min(coalesce(v."publishedAt", v."createdAt")) as at,
          (array_agg(v.id order by v.number desc))[1] as "newestId", max(v.number) as "newestNumber"
        from "JourneyVersion" v join "BloatVersionEdge" e on e."versionId" = v.id
        where ${uncached(workspaceId)}
        group by 1, 2, 3
      ) n
      left join "BloatEdgeSince" known on known."journeyId" = n."journeyId" and known."edgeId" = n."edgeId"
      left join "JourneyVersion" kv on kv.id = known."versionId"
      left join "EdgeActivity" a on a."journeyId" = n."journeyId" and a."edgeId" = n."edgeId"
      cross join lateral (select least(n.at, known."firstPublishedAt") as at) first
      on conflict ("journeyId", "edgeId") do update
        set "firstPublishedAt" = excluded."firstPublishedAt", "idleSince" = excluded."idleSince",
          "versionId" = excluded."versionId"`;
      await tx.$executeRaw`
      insert into "BloatVersionShape" ("versionId", "workspaceId", "journeyId", nodes, branches, "ruleSplits",
        "entryNodeIds", "entryKeys")
      select v.id, v."workspaceId", v."journeyId", ${shapeColumns}
      from "JourneyVersion" v
      where ${uncached(workspaceId)}
      on conflict do nothing`;
      // The first fill of a large estate (after an upgrade) expands every version once: seconds, not the default 5.
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}
