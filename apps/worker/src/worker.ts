import { hostname } from "node:os";
import type { PrismaClient } from "@northstar/db";
import { type Runner, run } from "graphile-worker";
import { toGraphileTask } from "./define-task";
import { heartbeatTask, type WorkerDeps } from "./tasks/heartbeat";

export interface StartWorkerOptions {
  connectionString: string;
  db: PrismaClient;
  concurrency: number;
  workerId?: string;
}

/** Starts one worker process's job runner. Several processes may run against one database. */
export async function startWorker(options: StartWorkerOptions): Promise<Runner> {
  const deps: WorkerDeps = { db: options.db, workerId: options.workerId ?? `${hostname()}:${process.pid}` };
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: { [heartbeatTask.name]: toGraphileTask(heartbeatTask, deps) },
    crontab: `* * * * * ${heartbeatTask.name} ?fill=2m`,
  });
  await runner.addJob(heartbeatTask.name, {}, { jobKey: `heartbeat:${deps.workerId}` });
  return runner;
}
