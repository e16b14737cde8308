import { enqueueUnprocessedEvents, TASKS } from "@northstar/core";
import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installQueue } from "./queue-schema";
import { runtimeWorkspace } from "./testing";

/** The sweep re-enqueues unprocessed events; sweeping again before those jobs ran must not add more jobs. */
describe("event sweep", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const pendingJobs = () =>
    t.prisma.$queryRaw<{ payload: { eventIds: string[] }; key: string | null }[]>`
      select j.payload, j.key from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = ${TASKS.processEvents}`;

  it("keys each batch by its position, so a repeated sweep replaces its pending jobs instead of doubling them", async () => {
    const { workspace } = await runtimeWorkspace(t.prisma);
    const receivedAt = new Date(Date.now() - 60_000);
    await t.prisma.event.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({
        workspaceId: workspace.id,
        messageId: `lost-${i}`,
        type: "track",
        name: "signed_up",
        userId: `u-${i}`,
        timestamp: receivedAt,
        receivedAt,
      })),
    });

    expect(await enqueueUnprocessedEvents(t.prisma)).toBe(250);
    expect(await enqueueUnprocessedEvents(t.prisma)).toBe(250);

    const jobs = await pendingJobs();
    expect(jobs.map((j) => j.key).sort()).toEqual(["sweep-events:0", "sweep-events:1"]);
    const covered = new Set(jobs.flatMap((j) => j.payload.eventIds));
    expect(covered.size).toBe(250);
  });
});
