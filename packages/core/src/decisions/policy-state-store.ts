import type { BudgetLedger, PolicyStateStore, SaveResult, StoredState } from "@northstar/agent";
import type { Prisma } from "@northstar/db";

/** A client or a transaction: the store works in either, so a reward update commits with what it rewards. */
export type Sql = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/**
 * The learning policy's state on PostgreSQL, one row per workspace and node key, shared by every worker process.
 * Optimistic concurrency: a save names the version it read (`UPDATE ... WHERE version = $n`, or an insert that does
 * nothing when the row appeared meanwhile); no row changed means another writer won, and the policy reloads and
 * retries.
 */
export function postgresPolicyStateStore(db: Sql, workspaceId: string): PolicyStateStore {
  return {
    async load(nodeKey: string): Promise<StoredState<unknown> | null> {
      const rows = await db.$queryRaw<{ state: unknown; version: number }[]>`
        select "state", "version" from "PolicyState" where "workspaceId" = ${workspaceId} and "nodeKey" = ${nodeKey}`;
      const row = rows[0];
      return row ? { state: row.state, version: row.version } : null;
    },
    async save(nodeKey: string, state: unknown, expectedVersion: number | null): Promise<SaveResult> {
      const json = JSON.stringify(state);
      const rows =
        expectedVersion === null
          ? await db.$queryRaw<{ version: number }[]>`
              insert into "PolicyState" ("workspaceId", "nodeKey", "state", "version", "updatedAt")
              values (${workspaceId}, ${nodeKey}, ${json}::jsonb, 1, now())
              on conflict ("workspaceId", "nodeKey") do nothing
              returning "version"`
          : await db.$queryRaw<{ version: number }[]>`
              update "PolicyState" set "state" = ${json}::jsonb, "version" = "version" + 1, "updatedAt" = now()
              where "workspaceId" = ${workspaceId} and "nodeKey" = ${nodeKey} and "version" = ${expectedVersion}
              returning "version"`;
      const saved = rows[0];
      return saved ? { ok: true, version: saved.version } : { ok: false, reason: "version_conflict" };
    },
  };
}

/**
 * The daily LLM budget's ledger: one row per workspace and UTC day, incremented atomically, so every worker sees
 * the same spend.
 */
export function postgresBudgetLedger(db: Sql, workspaceId: string): BudgetLedger {
  return {
    async spent(day: string): Promise<number> {
      const rows = await db.$queryRaw<{ usd: number }[]>`
        select "usd" from "LlmDailySpend" where "workspaceId" = ${workspaceId} and "day" = ${day}::date`;
      return rows[0]?.usd ?? 0;
    },
    async record(day: string, usd: number): Promise<void> {
      await db.$executeRaw`
        insert into "LlmDailySpend" ("workspaceId", "day", "usd", "calls") values (${workspaceId}, ${day}::date, ${usd}, 1)
        on conflict ("workspaceId", "day")
        do update set "usd" = "LlmDailySpend"."usd" + excluded."usd", "calls" = "LlmDailySpend"."calls" + 1`;
    },
  };
}
