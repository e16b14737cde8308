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
 * The daily LLM budget's ledger: one row per workspace and UTC day, shared by every worker. A reservation is one
 * conditional upsert: the row is locked by the statement and the condition (spend + reserved + this call's maximum
 * within the budget) is checked on its latest version, so concurrent calls can never together pass the budget.
 * A process that dies between reserving and settling leaves its reservation held until the day ends: the budget
 * errs on the side of spending less, never more.
 */
export function postgresBudgetLedger(db: Sql, workspaceId: string): BudgetLedger {
  return {
    async reserve(day: string, maxUsd: number, budgetUsd: number) {
      const reserved = await db.$queryRaw<{ ok: number }[]>`
        insert into "LlmDailySpend" as s ("workspaceId", "day", "usd", "calls", "reservedUsd")
        select ${workspaceId}, ${day}::date, 0, 0, ${maxUsd}::float8 where ${maxUsd}::float8 <= ${budgetUsd}::float8
        on conflict ("workspaceId", "day") do update set "reservedUsd" = s."reservedUsd" + excluded."reservedUsd"
        where s."usd" + s."reservedUsd" + excluded."reservedUsd" <= ${budgetUsd}::float8
        returning 1 as "ok"`;
      if (reserved.length > 0) return { ok: true } as const;
      const rows = await db.$queryRaw<{ usd: number; reservedUsd: number }[]>`
        select "usd", "reservedUsd" from "LlmDailySpend" where "workspaceId" = ${workspaceId} and "day" = ${day}::date`;
      return { ok: false, spentUsd: rows[0]?.usd ?? 0, reservedUsd: rows[0]?.reservedUsd ?? 0 } as const;
    },
    async settle(day: string, reservedUsd: number, costUsd: number, answered: boolean) {
      await db.$executeRaw`
        update "LlmDailySpend" set "usd" = "usd" + ${costUsd}::float8,
          "reservedUsd" = greatest(0, "reservedUsd" - ${reservedUsd}::float8),
          "calls" = "calls" + ${answered ? 1 : 0}::int
        where "workspaceId" = ${workspaceId} and "day" = ${day}::date`;
    },
    async spent(day: string): Promise<number> {
      const rows = await db.$queryRaw<{ usd: number }[]>`
        select "usd" from "LlmDailySpend" where "workspaceId" = ${workspaceId} and "day" = ${day}::date`;
      return rows[0]?.usd ?? 0;
    },
  };
}
