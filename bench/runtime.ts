/**
 * Runtime benchmark, printed as JSON:
 *   (a) raw graphile-worker no-op job throughput on the same database, measured before and after (b) (the ratio
 *       takes the mean of both),
 *   (b) Northstar step throughput on entry -> agent -> message -> wait -> goal for --customers customers
 *       (default 10,000), enrolled through the real event path; the wait (one day, so that no customer leaves it on
 *       its own while others are still arriving) is cut short by moving the parked jobs' run_at to now, so that the
 *       figure measures work, not the clock,
 *       plus the final roll-up of the step log into the edge/node counters,
 *       measured twice on fresh customers: as the runtime runs steps (a connection per statement, the pool sized by
 *       queuePoolSize) and as it ran them before (each step on one held connection, graphile-worker's default pool:
 *       held-steps.ts), so that the change's cost or gain for steps without a model is measured in one run,
 *   (c) ingestion events/s over HTTP with batching (the same handler as /api/v1/batch),
 *   (d) the ratio b/a (target >= 0.4), and released over held.
 * Usage: pnpm --filter @northstar/bench runtime [--customers=10000] [--noop-jobs=10000] [--concurrency=10]
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { ingestCalls, rollupCounters } from "@northstar/core";
import { createPrismaClient } from "@northstar/db";
import { migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import { createChannels, installQueue, queuePoolSize, runtimeTaskList, uniformRandomPolicy } from "@northstar/runtime";
import { benchJourney, post, publishJourney, runtimeWorkspace, startIngestionServer } from "@northstar/runtime/testing";
import { Logger, run } from "graphile-worker";
import pg from "pg";
import { GRAPHILE_DEFAULT_POOL, heldRunStep, type StepMode } from "./held-steps";

// Options as `--customers=N --noop-jobs=N --concurrency=N` (environment variables are read in packages/env only).
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const CUSTOMERS = arg("customers", 10_000);
const NOOP_JOBS = arg("noop-jobs", 10_000);
const CONCURRENCY = arg("concurrency", 10);
const quiet = new Logger(() => () => {});

const dir = mkdtempSync("/tmp/northstar-bench-");
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: join(dir, "data"), log: () => {} });
const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
await admin.connect();
await admin.query("create database bench");
await admin.end();
const url = server.urlFor("bench");
await migrateDatabase(url);
await installQueue(url);
const db = createPrismaClient(url);
const sql = new pg.Pool({ connectionString: url, max: 2 });
const pendingJobs = async (task: string) =>
  Number(
    (await sql.query("select count(*)::int as n from graphile_worker.jobs where task_identifier = $1", [task])).rows[0]
      .n,
  );
const waitFor = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 100));
};

// (a) no-op jobs
async function noopThroughput() {
  const values = Array.from({ length: NOOP_JOBS }, (_, i) => `('noop', '{"i":${i}}'::json)`);
  for (let i = 0; i < values.length; i += 1000) {
    await sql.query(
      `select graphile_worker.add_jobs(array[${values
        .slice(i, i + 1000)
        .map((v) => `row${v.slice(0, -1)}, null, null, null, null, null, null)::graphile_worker.job_spec`)
        .join(",")}])`,
    );
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const runner = await run({
    connectionString: url,
    concurrency: CONCURRENCY,
    pollInterval: 100,
    noHandleSignals: true,
    logger: quiet,
    taskList: { noop: async () => {} },
  });
  await waitFor(async () => (await pendingJobs("noop")) === 0);
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsSince(cpu);
  await runner.stop();
  return {
    jobs: NOOP_JOBS,
    seconds: round(seconds),
    jobsPerSecond: round(NOOP_JOBS / seconds),
    nodeCpuMsPerJob: round2(cpuMs / NOOP_JOBS),
  };
}

// (b) Northstar steps
async function stepThroughput(mode: StepMode) {
  const setup = await runtimeWorkspace(db);
  const { journeyId } = await publishJourney(setup.ctx, setup.objective.id, benchJourney(24 * 60), `Bench ${mode}`);
  const before = {
    steps: await db.stepExecution.count(),
    messages: await db.message.count({ where: { status: "STORED" } }),
    sends: await db.message.count({ where: { NOT: { provider: "outbox" } } }),
  };
  await db.customer.createMany({
    data: Array.from({ length: CUSTOMERS }, (_, i) => ({
      workspaceId: setup.workspace.id,
      externalId: `bench-${i}`,
      email: `bench-${i}@example.test`,
      consent: { email: true },
      traits: { firstName: `Customer ${i}` },
    })),
  });
  for (let i = 0; i < CUSTOMERS; i += 1000) {
    const calls = Array.from({ length: Math.min(1000, CUSTOMERS - i) }, (_, k) => ({
      type: "track" as const,
      event: "signed_up",
      userId: `bench-${i + k}`,
      properties: { plan: "trial" },
      messageId: `signup-${mode}-${i + k}`,
    }));
    await ingestCalls(db, setup.workspace.id, calls);
  }
  const deps = {
    db,
    channels: createChannels(db, { emailFrom: "bench@example.test" }),
    policy: uniformRandomPolicy(),
    workerId: `bench-${mode}`,
    publicUrl: "http://localhost:3000",
    sendMaxAttempts: 5,
  };
  const tasks = runtimeTaskList(deps);
  const poolSize = mode === "released" ? queuePoolSize(CONCURRENCY) : GRAPHILE_DEFAULT_POOL;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const runner = await run({
    connectionString: url,
    concurrency: CONCURRENCY,
    maxPoolSize: poolSize,
    pollInterval: 100,
    noHandleSignals: true,
    logger: quiet,
    taskList: mode === "released" ? tasks : { ...tasks, "run-step": heldRunStep(deps) },
  });
  // Phase 1 ends when every customer is parked at the wait and every message is delivered.
  const waiting = () => db.enrollment.count({ where: { journeyId, state: "WAITING" } });
  await waitFor(async () => (await waiting()) === CUSTOMERS && (await pendingJobs("send-message")) === 0);
  const phase1 = performance.now() - started;
  // The wait is over first, then its jobs are due: in the other order a job could run, still see the day-long wait
  // and park its customer again for a day.
  await db.enrollment.updateMany({ where: { journeyId, state: "WAITING" }, data: { waitUntil: new Date() } });
  await sql.query(
    "update graphile_worker._private_jobs set run_at = now() where task_id = (select id from graphile_worker._private_tasks where identifier = 'run-step')",
  );
  const phase2Start = performance.now();
  await waitFor(async () => (await db.enrollment.count({ where: { journeyId, state: "COMPLETED" } })) === CUSTOMERS);
  const phase2 = performance.now() - phase2Start;
  await runner.stop();
  // Steps no longer count themselves: the deferred counting is part of the work, so it is timed too.
  const rollupStart = performance.now();
  const rolledUp = await rollupCounters(db);
  const rollup = performance.now() - rollupStart;
  const seconds = (phase1 + phase2 + rollup) / 1000;
  const cpuMs = cpuMsSince(cpu);
  const steps = (await db.stepExecution.count()) - before.steps;
  const messages = (await db.message.count({ where: { status: "STORED" } })) - before.messages;
  // Outbox messages are written delivered by their step; only a provider's messages have a send job.
  const sends = (await db.message.count({ where: { NOT: { provider: "outbox" } } })) - before.sends;
  // Jobs: one process-events per 200 events, each step transition, each wait's wake-up, each provider send.
  const jobs = Math.ceil(CUSTOMERS / 200) + steps + CUSTOMERS + sends;
  return {
    mode,
    poolSize,
    customers: CUSTOMERS,
    seconds: round(seconds),
    phaseSeconds: {
      untilAllWaiting: round(phase1 / 1000),
      waitToGoal: round(phase2 / 1000),
      counterRollup: round(rollup / 1000),
    },
    stepsRolledUpAtEnd: rolledUp,
    stepsExecuted: steps,
    messagesDelivered: messages,
    stepsPerSecond: round(steps / seconds),
    jobsPerSecond: round(jobs / seconds),
    customersPerSecond: round(CUSTOMERS / seconds),
    // This process's CPU per logged step and per job, whatever else the machine runs: the load-independent cost.
    nodeCpuMsPerStep: round2(cpuMs / steps),
    nodeCpuMsPerJob: round2(cpuMs / jobs),
  };
}

// (c) HTTP ingestion with batches
async function ingestionThroughput() {
  const setup = await runtimeWorkspace(db);
  const http = await startIngestionServer(db);
  const BATCH = 100;
  const REQUESTS = 200;
  const PARALLEL = 4;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let r = next++; r < REQUESTS; r = next++) {
        const batch = Array.from({ length: BATCH }, (_, i) => ({
          type: "track",
          userId: `visitor-${(r * BATCH + i) % 5000}`,
          event: "Product Viewed",
          properties: { sku: `sku-${i}`, price: i },
          messageId: `ingest-${r}-${i}`,
        }));
        const res = await post(http.url, "/api/v1/batch", setup.writeKey, { batch });
        if (res.status !== 200) throw new Error(`ingestion answered ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await http.close();
  const events = BATCH * REQUESTS;
  return {
    events,
    batchSize: BATCH,
    parallelRequests: PARALLEL,
    seconds: round(seconds),
    eventsPerSecond: round(events / seconds),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

try {
  // Each part is also reported on stderr as soon as it is measured: on a loaded machine a later part may fail.
  // The no-op baseline runs before and after the steps, and the ratio takes the mean of both: the baseline alone
  // moves by a quarter between runs with the machine's other load and how warm the process is, and measuring it on
  // both sides of (b) keeps a drift during the run from landing on one side of the ratio only.
  const before = await noopThroughput();
  console.error(JSON.stringify({ a_graphileNoop: before }));
  const b = await stepThroughput("released");
  console.error(JSON.stringify({ b_northstarSteps: b }));
  const held = await stepThroughput("held");
  console.error(JSON.stringify({ b_heldBaseline: held }));
  const after = await noopThroughput();
  const noopPerSecond = round((before.jobsPerSecond + after.jobsPerSecond) / 2);
  const c = await ingestionThroughput();
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, node: process.version, concurrency: CONCURRENCY },
        a_graphileNoop: { jobsPerSecond: noopPerSecond, beforeSteps: before, afterSteps: after },
        b_northstarSteps: b,
        b_heldBaseline: held,
        c_ingestionHttp: c,
        d_ratio: {
          stepsPerSecondOverNoopJobsPerSecond: Number((b.stepsPerSecond / noopPerSecond).toFixed(3)),
          jobsPerSecondOverNoop: Number((b.jobsPerSecond / noopPerSecond).toFixed(3)),
          target: 0.4,
          releasedOverHeldStepsPerSecond: Number((b.stepsPerSecond / held.stepsPerSecond).toFixed(3)),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await db.$disconnect();
  await sql.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
