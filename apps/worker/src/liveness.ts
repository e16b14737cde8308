import type { PrismaClient } from "@northstar/db";
import type { Logger } from "@northstar/log";

export interface LivenessOptions {
  db: PrismaClient;
  workerId: string;
  /** graphile-worker ids of this process, filled as its pool creates them. */
  queueWorkerIds: string[];
  intervalMs: number;
  staleAfterMs: number;
  log: Logger;
}

/**
 * graphile-worker keeps a dead process's jobs locked for 4 hours. Each process beats every `intervalMs`; any
 * process that sees a heartbeat older than `staleAfterMs` releases that process's job locks (force_unlock_workers)
 * so its in-flight steps run again elsewhere — safe, because every step and send is idempotent.
 */
export function startLiveness(options: LivenessOptions): { stop(): Promise<void> } {
  const { db, workerId } = options;
  let running: Promise<void> = Promise.resolve();
  const beat = async () => {
    const now = new Date();
    await db.workerHeartbeat.upsert({
      where: { workerId },
      create: { workerId, beatAt: now, queueWorkerIds: options.queueWorkerIds },
      update: { beatAt: now, queueWorkerIds: options.queueWorkerIds },
    });
    const stale = await db.workerHeartbeat.findMany({
      where: { beatAt: { lt: new Date(now.getTime() - options.staleAfterMs) }, workerId: { not: workerId } },
    });
    for (const dead of stale) {
      if (dead.queueWorkerIds.length > 0) {
        await db.$executeRaw`select graphile_worker.force_unlock_workers(${dead.queueWorkerIds}::text[])`;
        options.log.info(
          { deadWorkerId: dead.workerId, silentSince: dead.beatAt.toISOString() },
          "released the jobs of a silent worker",
        );
      }
      await db.workerHeartbeat.deleteMany({ where: { workerId: dead.workerId, beatAt: dead.beatAt } });
    }
  };
  const tick = () => {
    running = beat()
      .then(() => options.log.debug("heartbeat"))
      .catch((error) => options.log.error({ err: error }, "heartbeat failed"));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await db.workerHeartbeat.deleteMany({ where: { workerId } });
    },
  };
}
