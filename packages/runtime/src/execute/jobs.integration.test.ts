import { TASKS } from "@northstar/core";
import { Logger, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStepDatabase, type StepDatabase } from "../testing";
import { immediateJobs, keyedJob } from "./jobs";
import { StepSql, sql, writeAll } from "./step-tx";

const quiet = new Logger(() => () => {});

/** The direct job insert (jobs.ts) against the pinned graphile-worker: jobs it writes are graphile-worker's jobs. */
describe("immediate jobs", () => {
  let db: StepDatabase;
  beforeAll(async () => {
    db = await createStepDatabase();
  });
  afterAll(() => db?.close());

  const insert = (task: string, payloads: unknown[], maxAttempts?: number) =>
    db.withClient((client) =>
      writeAll(new StepSql(client), [
        ...immediateJobs(
          "jobs",
          task,
          sql`select p from json_array_elements(${JSON.stringify(payloads)}::json) as p`,
          maxAttempts,
        ),
      ]),
    );

  it("writes rows graphile-worker reads as available jobs of the task, with the given attempts", async () => {
    await insert(TASKS.sendMessage, [{ messageId: "m1" }, { messageId: "m2" }], 3);
    // is_available is what graphile-worker's get_job selects on.
    const rows = await db.t.prisma.$queryRaw<{ identifier: string; payload: unknown; max_attempts: number }[]>`
      select t.identifier, j.payload, j.max_attempts from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      where j.is_available and j.run_at <= now() order by j.id`;
    expect(rows).toEqual([
      { identifier: TASKS.sendMessage, payload: { messageId: "m1" }, max_attempts: 3 },
      { identifier: TASKS.sendMessage, payload: { messageId: "m2" }, max_attempts: 3 },
    ]);
    await db.t.prisma.$executeRaw`delete from graphile_worker._private_jobs`;
  });

  it("wakes an idle worker through graphile-worker's notification, without waiting for its poll", async () => {
    const seen: unknown[] = [];
    const runner = await run({
      connectionString: db.t.url,
      concurrency: 1,
      pollInterval: 60_000,
      noHandleSignals: true,
      logger: quiet,
      taskList: {
        [TASKS.runStep]: async (payload) => {
          seen.push(payload);
        },
      },
    });
    try {
      // Let the worker's first poll find the queue empty, so only the notification can bring the job.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = Date.now();
      await insert(TASKS.runStep, [{ enrollmentId: "e1", seq: 2 }]);
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual([{ enrollmentId: "e1", seq: 2 }]);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await runner.stop();
    }
  });

  it("fails the whole statement for a task graphile-worker does not know, rather than losing the job", async () => {
    await expect(insert("no-such-task", [{}])).rejects.toThrow(/task_id/);
  });

  describe("under a key", () => {
    const KEY = "step:e-keyed";
    const park = (seq: number, runAt: Date, guarded = true) =>
      db.withClient((client) =>
        writeAll(new StepSql(client), [
          { name: "guard", sql: guarded ? sql`select 1 as "id"` : sql`select 1 as "id" where false` },
          ...keyedJob(
            "step_job",
            TASKS.runStep,
            KEY,
            runAt,
            sql`json_build_object('enrollmentId', 'e-keyed', 'seq', ${seq}::int)`,
            "guard",
          ),
        ]),
      );
    const jobs = () =>
      db.t.prisma.$queryRaw<{ key: string | null; seq: number; locked: boolean; later: boolean }[]>`
        select key, (payload->>'seq')::int as seq, locked_at is not null as locked, run_at > now() as later
        from graphile_worker._private_jobs where payload->>'enrollmentId' = 'e-keyed' order by id`;
    const tomorrow = () => new Date(Date.now() + 86_400_000);

    it("adds the job when none holds the key, and replaces a pending one instead of adding a second", async () => {
      expect((await park(1, tomorrow())).step_job).toBe(1);
      expect(await jobs()).toEqual([{ key: KEY, seq: 1, locked: false, later: true }]);
      await park(2, new Date());
      expect(await jobs()).toEqual([{ key: KEY, seq: 2, locked: false, later: false }]);
      expect((await park(3, tomorrow(), false)).step_job).toBe(0);
      expect(await jobs()).toEqual([{ key: KEY, seq: 2, locked: false, later: false }]);
    });

    it("frees the key of the running job that holds it and adds the new one, as add_job does", async () => {
      await db.t.prisma.$executeRaw`
        update graphile_worker._private_jobs set locked_at = now(), locked_by = 'test-worker' where key = ${KEY}`;
      expect((await park(4, tomorrow())).step_job).toBe(1);
      expect(await jobs()).toEqual([
        { key: null, seq: 2, locked: true, later: false },
        { key: KEY, seq: 4, locked: false, later: true },
      ]);
    });
  });
});
