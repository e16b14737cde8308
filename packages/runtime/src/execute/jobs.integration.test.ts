import { TASKS } from "@northstar/core";
import { Logger, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStepDatabase, type StepDatabase } from "../testing";
import { immediateJobs } from "./jobs";
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
});
