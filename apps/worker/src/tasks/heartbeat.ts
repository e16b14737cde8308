import type { PrismaClient } from "@northstar/db";
import { z } from "zod";
import { defineTask } from "@northstar/runtime";

export interface WorkerDeps {
  db: PrismaClient;
  workerId: string;
}

/** Records that this worker process is alive and running jobs; scheduled every minute by the crontab. */
export const heartbeatTask = defineTask({
  name: "heartbeat",
  payload: z.object({}).passthrough(),
  async handler(_payload, deps: WorkerDeps) {
    const now = new Date();
    await deps.db.workerHeartbeat.upsert({
      where: { workerId: deps.workerId },
      create: { workerId: deps.workerId, beatAt: now },
      update: { beatAt: now },
    });
  },
});
