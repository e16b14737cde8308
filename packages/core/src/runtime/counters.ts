import type { Prisma } from "@northstar/db";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

interface Where {
  workspaceId: string;
  journeyId: string;
  at: Date;
}

/**
 * One traversal of an edge: its per-day count and its lastFiredAt. Called in the transaction that moves the customer,
 * so a retried step never counts twice.
 */
export async function countEdge(sql: Sql, where: Where & { edgeId: string }): Promise<void> {
  await sql.$executeRaw`
    insert into "EdgeDailyCount" ("workspaceId", "journeyId", "edgeId", "day", "count")
    values (${where.workspaceId}, ${where.journeyId}, ${where.edgeId}, (${where.at}::timestamptz at time zone 'UTC')::date, 1)
    on conflict ("journeyId", "edgeId", "day") do update set "count" = "EdgeDailyCount"."count" + 1`;
  await sql.$executeRaw`
    insert into "EdgeActivity" ("workspaceId", "journeyId", "edgeId", "lastFiredAt", "total")
    values (${where.workspaceId}, ${where.journeyId}, ${where.edgeId}, ${where.at}, 1)
    on conflict ("journeyId", "edgeId") do update
      set "lastFiredAt" = greatest("EdgeActivity"."lastFiredAt", excluded."lastFiredAt"), "total" = "EdgeActivity"."total" + 1`;
}

/** One customer entering a node. */
export async function countNodeEntry(sql: Sql, where: Where & { nodeId: string }): Promise<void> {
  await sql.$executeRaw`
    insert into "NodeDailyCount" ("workspaceId", "journeyId", "nodeId", "day", "count")
    values (${where.workspaceId}, ${where.journeyId}, ${where.nodeId}, (${where.at}::timestamptz at time zone 'UTC')::date, 1)
    on conflict ("journeyId", "nodeId", "day") do update set "count" = "NodeDailyCount"."count" + 1`;
}
