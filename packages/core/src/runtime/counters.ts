import { foldCoEnrollments, type JourneyEntry, type Prisma, type PrismaClient } from "@northstar/db";

type Sql = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;
type Entry = [workspaceId: string, customerId: string, journeyId: string, enteredAt: string];

const BATCH = 5_000;

/**
 * Adds step log rows not yet counted to the per-edge per-day counts, `lastFiredAt`/`total` and per-node per-day
 * entries, flagging them in the same statement: each row is counted exactly once even if rollups overlap or crash.
 *
 * Why not count in the step transaction: every customer crossing an edge on a day updates the same counter row, so
 * concurrent steps queued on its row lock until each commit (measured: ~32 steps/s). The log rows are private to
 * their enrollment, so steps no longer contend; the counters lag by at most one rollup (cron every minute, and on
 * demand before counters are read).
 *
 * Entries of a node come from the row of an edge leading to it, and entries of an entry node from the row of the
 * entry step itself. Days are UTC days of `executedAt`.
 *
 * The bloat dashboard's rollups come from the same rows: entries per journey per day (JourneyDailyEntry), the edge's
 * `idleSince` (BloatEdgeSince, when the version cache already holds the edge) and, from the entry rows returned
 * here, the co-enrolment histogram folded by `foldCoEnrollments` in the same transaction.
 */
async function rollupBatch(sql: Sql): Promise<number> {
  const rows = await sql.$queryRaw<{ n: number; entries: Entry[] | null }[]>`
    with picked as (
      select "id" from "StepExecution" where "rolledUp" = false order by "id" limit ${BATCH} for update skip locked
    ), marked as (
      update "StepExecution" s set "rolledUp" = true from picked where s."id" = picked."id"
      returning s."workspaceId", s."enrollmentId", s."stepId", s."kind", s."edgeId", s."targetStepId", s."executedAt"
    ), facts as (
      select m.*, e."journeyId", e."customerId" from marked m join "Enrollment" e on e."id" = m."enrollmentId"
    ), edge_days as (
      insert into "EdgeDailyCount" ("workspaceId", "journeyId", "edgeId", "day", "count")
      select "workspaceId", "journeyId", "edgeId", "executedAt"::date, count(*)::int
      from facts where "edgeId" is not null
      group by 1, 2, 3, 4 order by 2, 3, 4
      on conflict ("journeyId", "edgeId", "day") do update set "count" = "EdgeDailyCount"."count" + excluded."count"
      returning 1
    ), activity as (
      insert into "EdgeActivity" ("workspaceId", "journeyId", "edgeId", "lastFiredAt", "total")
      select "workspaceId", "journeyId", "edgeId", max("executedAt"), count(*)::int
      from facts where "edgeId" is not null
      group by 1, 2, 3 order by 2, 3
      on conflict ("journeyId", "edgeId") do update
        set "lastFiredAt" = greatest("EdgeActivity"."lastFiredAt", excluded."lastFiredAt"),
            "total" = "EdgeActivity"."total" + excluded."total"
      returning 1
    ), node_days as (
      insert into "NodeDailyCount" ("workspaceId", "journeyId", "nodeId", "day", "count")
      select "workspaceId", "journeyId", "nodeId", "day", count(*)::int from (
        select "workspaceId", "journeyId", "stepId" as "nodeId", "executedAt"::date as "day" from facts
        where "kind" = 'entry'
        union all
        select "workspaceId", "journeyId", "targetStepId", "executedAt"::date from facts where "targetStepId" is not null
      ) entries
      group by 1, 2, 3, 4 order by 2, 3, 4
      on conflict ("journeyId", "nodeId", "day") do update set "count" = "NodeDailyCount"."count" + excluded."count"
      returning 1
    ), journey_days as (
      insert into "JourneyDailyEntry" ("workspaceId", "journeyId", "day", "count")
      select "workspaceId", "journeyId", "executedAt"::date, count(*)::int from facts where "kind" = 'entry'
      group by 1, 2, 3 order by 2, 3
      on conflict ("journeyId", "day") do update set "count" = "JourneyDailyEntry"."count" + excluded."count"
      returning 1
    ), edge_since as (
      update "BloatEdgeSince" s set "idleSince" = greatest(s."idleSince", f.last)
      from (select "journeyId", "edgeId", max("executedAt") as last from facts where "edgeId" is not null group by 1, 2) f
      where s."journeyId" = f."journeyId" and s."edgeId" = f."edgeId"
      returning 1
    )
    select (select count(*) from marked)::int as n,
      (select json_agg(json_build_array("workspaceId", "customerId", "journeyId", "executedAt"))
        from facts where "kind" = 'entry') as entries,
      (select count(*) from edge_days) + (select count(*) from activity) + (select count(*) from node_days)
        + (select count(*) from journey_days) + (select count(*) from edge_since) as w`;
  const batch = rows[0];
  if (!batch) return 0;
  const entries: JourneyEntry[] = (batch.entries ?? []).map(([workspaceId, customerId, journeyId, at]) => ({
    workspaceId,
    customerId,
    journeyId,
    // json_build_array renders a timestamp without zone; the log stores UTC.
    enteredAt: new Date(`${at}Z`),
  }));
  if (entries.length) await foldCoEnrollments(sql, entries);
  return batch.n;
}

/**
 * Rolls up every uncounted step log row; returns how many were counted. One rollup at a time (advisory lock), so
 * two rollups never wait on each other's counter rows in different orders.
 */
export async function rollupCounters(db: PrismaClient): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.$transaction(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext('northstar:counter-rollup'))`;
      return rollupBatch(tx);
    });
    total += n;
    if (n < BATCH) return total;
  }
}
