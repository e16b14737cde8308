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

/**
 * A job under a key (at most one pending job per key: an enrollment's parked step, which an event resuming the wait
 * replaces), due at `runAt`, as records of the caller's statement; `from` names the record it depends on (one row
 * or none). The common case is one upsert: no job under the key, or a pending one, which is replaced (payload, due
 * time, attempts), as graphile-worker's `add_job` does. When the job holding the key is running (locked), the upsert
 * writes nothing and `add_job` itself runs in the same statement: it frees the running job's key and inserts.
 */
export function keyedJob(
  name: string,
  task: string,
  key: string,
  runAt: Date | null,
  payload: Sql,
  from: string,
): Write[] {
  const fast = `${name}_fast`;
  return [
    {
      name: fast,
      sql: sql`insert into graphile_worker._private_jobs as jobs ("task_id", "payload", "run_at", "key")
        select (select "id" from graphile_worker._private_tasks where "identifier" = ${task}::text), ${payload},
          coalesce(${runAt}::timestamptz, now()), ${key}::text
        from ${sql([from])}
        on conflict ("key") do update set "task_id" = excluded."task_id", "payload" = excluded."payload",
          "run_at" = excluded."run_at", "max_attempts" = excluded."max_attempts", "revision" = jobs."revision" + 1,
          "attempts" = 0, "last_error" = null, "updated_at" = now()
        where jobs."locked_at" is null
        returning 1`,
    },
    {
      name: `${name}_notify`,
      sql: sql`select pg_notify('jobs:insert', '{"count":1}') from ${sql([fast])}`,
    },
    {
      name,
      sql: sql`select 1 from ${sql([fast])}
        union all
        select 1 from (select graphile_worker.add_job(identifier => ${task}::text, payload => ${payload},
            run_at => ${runAt}::timestamptz, job_key => ${key}::text)
          from ${sql([from])} where not exists (select from ${sql([fast])})) as slow`,
    },
  ];
}

/**
 * A job due now that the worker creating it runs itself, at once (eager dispatch, as Temporal's workers do with the
 * activities they schedule): the row is inserted already locked by the creating worker's pool, as graphile-worker's
 * `get_job` would lock it (one attempt used), so no other worker takes it. It is a job like any other: the step that
 * runs it deletes it in its own write statement (`completeEagerJob`), a failure unlocks it with graphile-worker's
 * backoff (`failEagerJob`) for any worker to retry, and when the process dies its locks are released with the rest
 * of that pool's (the worker's liveness check). What it saves is the queue round trip: `get_job`, the completion and
 * the wake-up of another worker.
 */
export function eagerJob(name: string, task: string, rows: Sql, lockedBy: string, maxAttempts?: number): Write {
  return {
    name,
    result: 'max("id")::float8',
    sql: sql`insert into graphile_worker._private_jobs ("task_id", "payload", "max_attempts", "locked_at", "locked_by",
        "attempts")
      select (select "id" from graphile_worker._private_tasks where "identifier" = ${task}::text), j."payload",
        ${maxAttempts ?? 25}::smallint, now(), ${lockedBy}::text, 1::smallint
      from (${rows}) as j("payload")
      returning "id"`,
  };
}

/** An eager job this worker ran, deleted with the record `from` (written only with it), as a completed job is. */
export function completeEagerJob(job: EagerJob, from: string): Write {
  return {
    name: "job_done",
    sql: sql`delete from graphile_worker._private_jobs
      where "id" = ${job.id}::bigint and "locked_by" = ${job.lockedBy}::text and exists (select from ${sql([from])})
      returning 1`,
  };
}

/** An eager job that ran and did nothing (a stale transition): completed on its own. */
export const deleteEagerJob = (job: EagerJob) => sql`delete from graphile_worker._private_jobs
  where "id" = ${job.id}::bigint and "locked_by" = ${job.lockedBy}::text`;

/** An eager job whose run failed: unlocked with its error and graphile-worker's backoff, to be retried by any worker. */
export const failEagerJob = (job: EagerJob, message: string) => sql`update graphile_worker._private_jobs
  set "last_error" = ${message}::text, "run_at" = greatest(now(), "run_at") + exp(least("attempts", 10)) * interval '1 second',
    "locked_by" = null, "locked_at" = null
  where "id" = ${job.id}::bigint and "locked_by" = ${job.lockedBy}::text`;

/** A job row this worker holds: the id and the pool id it is locked by. */
export interface EagerJob {
  id: number;
  lockedBy: string;
}
