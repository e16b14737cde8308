import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "./worker";

describe("worker process", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("runs the heartbeat job through graphile-worker and records the worker as alive", async () => {
    const before = new Date();
    const runner = await startWorker({
      connectionString: t.url,
      db: t.prisma,
      concurrency: 2,
      workerId: "test-worker",
    });
    try {
      await expect
        .poll(() => t.prisma.workerHeartbeat.findUnique({ where: { workerId: "test-worker" } }), { timeout: 20_000 })
        .toMatchObject({ workerId: "test-worker" });
      const beat = await t.prisma.workerHeartbeat.findUniqueOrThrow({ where: { workerId: "test-worker" } });
      expect(beat.beatAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      const pending = await t.prisma.$queryRaw<{ n: bigint }[]>`
        select count(*) as n from graphile_worker.jobs where task_identifier = 'heartbeat' and locked_at is null and run_at <= now() and attempts > 0`;
      expect(Number(pending[0]?.n)).toBe(0);
    } finally {
      await runner.stop();
    }
  });
});
