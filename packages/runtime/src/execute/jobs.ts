import { TASKS } from "@northstar/core";
import { type Sql, sql, type Write } from "./step-tx";

/**
 * Jobs due now, without a job key, as records of a step's (or an event's) single write statement.
 *
 * graphile-worker's `add_job` is a PL/pgSQL function that upserts the task and queue names, clears the keys of
 * running jobs and handles key modes on every call: about 1.2 ms of database time, more than the rest of a step's
 * write. A job that is due at once and has no key needs none of that: it is one row in graphile-worker's jobs table
 * (`task_id`, `payload`, `max_attempts`; every other column has its default), and one notification wakes idle workers
 * the way `add_job` does. That costs about 0.3 ms. The task ids must exist: `installQueue` registers every task
 * (and the worker does on start); a missing one fails the statement rather than losing the job.
 *
 * Jobs with a key (a parked step that an event may replace) or a future `run_at` still go through `add_job`.
 * This depends on the jobs table of the pinned graphile-worker version (0.18.0); jobs.integration.test.ts fails if a
 * release changes it.
 */
export function immediateJobs(name: string, task: string, rows: Sql, maxAttempts?: number): Write[] {
  return [
    {
      name,
      sql: sql`insert into graphile_worker._private_jobs ("task_id", "payload", "max_attempts")
        select (select "id" from graphile_worker._private_tasks where "identifier" = ${task}::text), j."payload",
          ${maxAttempts ?? 25}::smallint
        from (${rows}) as j("payload")
        returning 1`,
    },
    {
      name: `${name}_notify`,
      sql: sql`select pg_notify('jobs:insert', json_build_object('count', count(*))::text) from ${sql([name])}
        having count(*) > 0`,
    },
  ];
}

/** Registers the task names the fast path inserts jobs for (idempotent). */
export const registerTasks = sql`insert into graphile_worker._private_tasks ("identifier")
  select unnest(${Object.values(TASKS)}::text[]) on conflict do nothing`;
