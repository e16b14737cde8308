import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { type LlmConnection, liveGuardrailsReader, runtimeDecisionPolicy } from "@northstar/core";
import { createPrismaClient, type PrismaClient } from "@northstar/db";
import { createLogger, type Logger } from "@northstar/log";
import {
  createChannels,
  type DecisionPolicy,
  queuePoolSize,
  RUNTIME_CRONTAB,
  runtimeTaskList,
  toGraphileTask,
} from "@northstar/runtime";
import { type Runner, run, type WorkerEvents } from "graphile-worker";
import { graphileLogger } from "./graphile-logger";
import { startLiveness } from "./liveness";
import { heartbeatTask, type WorkerDeps } from "./tasks/heartbeat";
import { simulateJourneyTask } from "./tasks/simulate-journey";

export interface StartWorkerOptions {
  connectionString: string;
  db: PrismaClient;
  concurrency: number;
  workerId?: string;
  publicUrl?: string;
  smtpUrl?: string;
  emailFrom?: string;
  /** Mailbox listed in marketing email's List-Unsubscribe after the URL (UNSUBSCRIBE_MAILTO). */
  unsubscribeMailto?: string;
  webhookAllowPrivateNetworks?: boolean;
  sendMaxAttempts?: number;
  /** Agent decisions; default: the built-in learning policy, and the LLM policy where a node asks for it and `llm` is set. */
  policy?: DecisionPolicy;
  /** The model behind "llm" and "both" agent nodes (OPENAI_*); without it every node learns with the built-in policy. */
  llm?: LlmConnection | null;
  pollIntervalMs?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Where the process's lines go (default: JSON on stdout at LOG_LEVEL). */
  log?: Logger;
}

/** Starts one worker process's job runner. Several processes may run against one database. */
export async function startWorker(options: StartWorkerOptions): Promise<Runner> {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const log = (options.log ?? createLogger({ name: "worker" })).child({ workerId });
  const deps: WorkerDeps = { db: options.db, workerId };
  const publicUrl = options.publicUrl ?? "http://localhost:3000";
  const channels = createChannels(options.db, {
    smtpUrl: options.smtpUrl,
    publicUrl,
    unsubscribeMailto: options.unsubscribeMailto,
    emailFrom: options.emailFrom ?? "Northstar <no-reply@northstar.local>",
    webhookAllowPrivateNetworks: options.webhookAllowPrivateNetworks ?? false,
  });
  // Policies read and save their state on a pool of their own, so a burst of decisions never waits behind the
  // queue's connections (and the other way round).
  const decisionsDb = options.policy ? null : createPrismaClient(options.connectionString);
  // Decisions and briefs read the same live guardrails: a budget lowered after publishing stops both.
  const liveGuardrails = liveGuardrailsReader(decisionsDb ?? options.db);
  const runtime = runtimeTaskList({
    db: options.db,
    workerId,
    channels,
    policy:
      options.policy ??
      runtimeDecisionPolicy({
        db: decisionsDb ?? options.db,
        llm: options.llm ?? null,
        liveGuardrails,
        // The reason is logged, never the prompt or the key.
        onFallback: ({ nodeId, code, reason }) => log.warn({ nodeId, code, reason }, "LLM decision fallback"),
      }),
    publicUrl,
    sendMaxAttempts: options.sendMaxAttempts ?? 5,
    llm: options.llm ?? null,
    liveGuardrails,
    // The reason is logged, never the prompt or the key.
    onBriefFallback: ({ enrollmentId, stepId, reason }) =>
      log.warn({ enrollmentId, stepId, reason }, "LLM brief fallback"),
    log,
  });
  const queueWorkerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  // graphile-worker 0.18 locks jobs with the id of the worker POOL (locked_by = "pool-…"), not of each worker:
  // record both, so that force_unlock_workers releases what a dead process really held.
  events.on("pool:create", ({ workerPool }) => queueWorkerIds.push(workerPool.id));
  events.on("worker:create", ({ worker }) => queueWorkerIds.push(worker.workerId));
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    maxPoolSize: queuePoolSize(options.concurrency),
    noHandleSignals: true,
    logger: graphileLogger(log),
    pollInterval: options.pollIntervalMs ?? 1000,
    events,
    taskList: {
      [heartbeatTask.name]: toGraphileTask(heartbeatTask, deps, log),
      [simulateJourneyTask.name]: toGraphileTask(simulateJourneyTask, deps, log),
      ...runtime,
    },
    crontab: `* * * * * ${heartbeatTask.name} ?fill=2m\n${RUNTIME_CRONTAB}`,
  });
  await runner.addJob(heartbeatTask.name, {}, { jobKey: `heartbeat:${deps.workerId}` });
  const liveness = startLiveness({
    db: options.db,
    log,
    workerId,
    queueWorkerIds,
    intervalMs: options.heartbeatMs ?? 10_000,
    staleAfterMs: options.staleAfterMs ?? 60_000,
  });
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    await stop();
    await liveness.stop();
    channels.close();
    await decisionsDb?.$disconnect();
  };
  return runner;
}
