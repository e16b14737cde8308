import { foldCoEnrollments, type PrismaClient } from "@northstar/db";
import type pg from "pg";

/**
 * The audit benchmark's estate, generated in SQL where volume is large: JOURNEYS journeys of EDGES_PER edges each
 * (45 nodes: an entry, agent/rule-split decision points, messages, waits, a goal), 180 days of sparse per-edge and
 * per-node daily counters, the EdgeActivity rollup (85 % fired within 30 days, 10 % stale, 5 % never fired),
 * per-journey daily entries, customers, recent enrolments folded into the co-enrolment histogram by the rollup's own
 * `foldCoEnrollments`, recorded pauses of some live journeys, and eight weeks of messages. BloatEdgeSince is left to
 * the version cache, which fills it on the first dashboard read as in production.
 */
export const JOURNEYS = 1_000;
export const EDGES_PER = 50;
const NODES_PER = 45;

function definition(j: number) {
  const nodes = Array.from({ length: NODES_PER }, (_, i) => {
    const kind =
      i === 0
        ? "entry"
        : i === NODES_PER - 1
          ? "goal"
          : i % 9 === 0
            ? "rule_split"
            : i % 3 === 0
              ? "agent"
              : i % 3 === 1
                ? "message"
                : "wait";
    const config =
      kind === "entry"
        ? { trigger: { type: "event", event: `Event ${j % 250}`, filters: [] }, reentry: "always", holdoutShare: 0.05 }
        : kind === "message"
          ? {
              channel: "email",
              purpose: "marketing",
              content: { mode: "brief", keyMessage: "Hello", tone: "warm", requiredElements: ["unsubscribe_link"] },
            }
          : kind === "wait"
            ? { type: "duration", minutes: 60 }
            : kind === "agent"
              ? { decides: "path", policy: "learning", exploration: 0.1, minConfidence: 0.6 }
              : {};
    return { id: `n${i}`, kind, name: `Step ${i}`, position: { x: (i % 5) * 200, y: Math.floor(i / 5) * 150 }, config };
  });
  // A spanning chain plus forward skips: every node reachable, 50 edges, no cycles.
  const edges = Array.from({ length: NODES_PER - 1 }, (_, i) => ({
    id: `e${i}`,
    source: `n${i}`,
    target: `n${i + 1}`,
    label: `Branch ${i}`,
  }));
  for (let k = 0; edges.length < EDGES_PER; k++) {
    const from = 1 + ((k * 7) % (NODES_PER - 4));
    edges.push({ id: `x${k}`, source: `n${from}`, target: `n${from + 3}`, label: `Skip ${k}` });
  }
  return { formatVersion: 1, nodes, edges };
}

export async function createEstate(
  sql: pg.Client,
  db: PrismaClient,
  ids: { workspace: string; owners: string[]; objective: string },
) {
  const journeyIds = Array.from({ length: JOURNEYS }, (_, j) => `bj${j}`);
  await sql.query(
    `insert into "Journey" (id, "workspaceId", name, "objectiveId", "ownerId", status, tags, "liveSince", "createdAt", "updatedAt")
     select id, $1, 'Journey ' || n, $2, ($3::text[])[1 + n % array_length($3::text[], 1)],
       (case when n % 20 = 0 then 'PAUSED' when n % 25 = 1 then 'DRAFT' else 'LIVE' end)::"JourneyStatus",
       array['tag' || (n % 12)], now() - ((60 + n % 180) || ' days')::interval, now() - interval '200 days', now()
     from unnest($4::text[]) with ordinality as t(id, n)`,
    [ids.workspace, ids.objective, ids.owners, journeyIds],
  );
  for (let start = 0; start < JOURNEYS; start += 100) {
    const chunk = journeyIds.slice(start, start + 100);
    await sql.query(
      `insert into "JourneyVersion" (id, "journeyId", "workspaceId", number, state, definition, "createdById", "updatedById", "createdAt", "updatedAt", "publishedAt")
       select 'v' || j, j, $1, 1, case when (select status from "Journey" where id = j) = 'DRAFT' then 'DRAFT'::"VersionState" else 'PUBLISHED'::"VersionState" end,
         d, $2, $2, now(), now(), (select "liveSince" from "Journey" where id = j)
       from unnest($3::text[], $4::jsonb[]) as t(j, d)`,
      [ids.workspace, ids.owners[0], chunk, chunk.map((_, i) => JSON.stringify(definition(start + i)))],
    );
  }
  const edgeList = `select j.id as journey, e->>'id' as edge, (j.id || (e->>'id')) as k
    from "Journey" j join "JourneyVersion" v on v."journeyId" = j.id cross join jsonb_array_elements(v.definition->'edges') e
    where j."workspaceId" = $1`;
  await sql.query(
    `insert into "EdgeActivity" ("workspaceId", "journeyId", "edgeId", "lastFiredAt", total)
     select $1, journey, edge,
       case when abs(hashtext(k)) % 100 < 85 then now() - ((abs(hashtext(k || 'a')) % 30) || ' days')::interval
            else now() - ((100 + abs(hashtext(k || 'a')) % 80) || ' days')::interval end,
       1 + abs(hashtext(k || 't')) % 5000
     from (${edgeList}) x where abs(hashtext(k || 'n')) % 100 >= 5`,
    [ids.workspace],
  );
  await sql.query(
    `insert into "EdgeDailyCount" ("workspaceId", "journeyId", "edgeId", day, count)
     select $1, journey, edge, (now() at time zone 'UTC')::date - d, 1 + (abs(hashtext(k || d)) % 40)
     from (${edgeList}) x cross join generate_series(0, 179) d
     where abs(hashtext(k || d || 'p')) % 100 < 15`,
    [ids.workspace],
  );
  await sql.query(
    `insert into "NodeDailyCount" ("workspaceId", "journeyId", "nodeId", day, count)
     select $1, j.id, n->>'id', (now() at time zone 'UTC')::date - d, 1 + abs(hashtext(j.id || d)) % 80
     from "Journey" j join "JourneyVersion" v on v."journeyId" = j.id
     cross join jsonb_array_elements(v.definition->'nodes') n cross join generate_series(0, 179) d
     where j."workspaceId" = $1 and ((n->>'kind' = 'entry' and (j.name not like '%7' or d > 120))
       or abs(hashtext(j.id || (n->>'id') || d)) % 100 < 5)`,
    [ids.workspace],
  );
  // What the rollup writes per journey from its entry steps: the entry node's (n0) daily counts.
  await sql.query(
    `insert into "JourneyDailyEntry" ("workspaceId", "journeyId", day, count)
     select "workspaceId", "journeyId", day, count from "NodeDailyCount" where "workspaceId" = $1 and "nodeId" = 'n0'`,
    [ids.workspace],
  );
  // Every 50th live journey was paused for 30 days and resumed 70 days ago (the trigger records live pauses).
  await sql.query(
    `insert into "JourneyPause" (id, "workspaceId", "journeyId", "pausedAt", "resumedAt")
     select 'bp' || id, "workspaceId", id, now() - interval '100 days', now() - interval '70 days'
     from "Journey" where "workspaceId" = $1 and status = 'LIVE' and "liveSince" < now() - interval '100 days'
       and abs(hashtext(id)) % 50 = 0`,
    [ids.workspace],
  );
  await sql.query(
    `insert into "Customer" (id, "workspaceId", "externalId", email, "createdAt", "updatedAt")
     select 'bc' || i, $1, 'c' || i, 'c' || i || '@example.test', now(), now() from generate_series(1, 20000) i`,
    [ids.workspace],
  );
  await sql.query(
    `insert into "Enrollment" (id, "workspaceId", "journeyId", "versionId", "customerId", state, "enteredAt", "updatedAt")
     select 'be' || i, $1, 'bj' || (i % ${JOURNEYS}), 'vbj' || (i % ${JOURNEYS}), 'bc' || (1 + abs(hashtext('c' || i)) % 20000),
       case when i % 5 = 0 then 'WAITING' else 'COMPLETED' end, now() - ((i % 60) || ' days')::interval, now()
     from generate_series(1, 100000) i`,
    [ids.workspace],
  );
  const entered = await sql.query<{ customerId: string; journeyId: string; enteredAt: Date }>(
    `select "customerId", "journeyId", "enteredAt" at time zone 'UTC' as "enteredAt" from "Enrollment"
     where "workspaceId" = $1`,
    [ids.workspace],
  );
  await foldCoEnrollments(
    db,
    entered.rows.map((r) => ({ workspaceId: ids.workspace, ...r })),
  );
  await sql.query(
    `insert into "Message" (id, "workspaceId", "journeyId", "customerId", "idempotencyKey", "trackingToken", channel, "to", body, status, "createdAt", "updatedAt")
     select 'bm' || i, $1, 'bj' || (i % ${JOURNEYS}), 'bc' || (1 + abs(hashtext('m' || i)) % 20000), 'bk' || i, 'bt' || i,
       (array['email', 'email', 'email', 'sms', 'push'])[1 + i % 5], 'x', 'x', 'SENT',
       now() - ((i % 56) || ' days')::interval - ((i % 24) || ' hours')::interval, now()
     from generate_series(1, 150000) i`,
    [ids.workspace],
  );
  await sql.query(
    `insert into "BloatSnapshot" ("workspaceId", day, journeys, nodes, branches, "staleBranches", "ruleSplits")
     select $1, (now() at time zone 'UTC')::date - d, 1000, 45000, 50000, 2000 + d * 10, 4000 from generate_series(1, 179) d`,
    [ids.workspace],
  );
  await sql.query("vacuum analyze");
}
