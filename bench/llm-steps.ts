/**
 * Steps per second when every step waits on a model, printed as JSON. A brief (entry -> marketing email written by
 * the model -> goal) is run for `--rounds` x concurrency customers, parked at the email step, through graphile-worker
 * on an embedded PostgreSQL, against an OpenAI-compatible server on 127.0.0.1 that answers every call after
 * `--latency-ms` (default 2,000 ms), at concurrency 5 and 25, in two modes measured in the same run:
 *   - "released" (the runtime as it is): a step borrows a connection per statement and none while the model
 *     answers; the queue's pool is sized from the concurrency (queuePoolSize);
 *   - "held" (the baseline, the runtime before): each step keeps one connection from its first statement to its
 *     last, model call included, on graphile-worker's default pool of 10.
 * The ideal is concurrency / latency: every worker slot waiting on the model all the time.
 * Usage: pnpm --filter @northstar/bench exec tsx llm-steps.ts [--rounds=3] [--latency-ms=2000]
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startFakeOpenAi } from "@northstar/agent/testing";
import { createPrismaClient } from "@northstar/db";
import { migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import { defineJourney, edge, entryNode, goalNode, messageNode } from "@northstar/journey/testing";
import {
  createChannels,
  installQueue,
  queuePoolSize,
  type RunStepDeps,
  runtimeTaskList,
  uniformRandomPolicy,
} from "@northstar/runtime";
import { publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { Logger, run } from "graphile-worker";
import pg from "pg";
import { GRAPHILE_DEFAULT_POOL, heldRunStep, type StepMode } from "./held-steps";

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const ROUNDS = arg("rounds", 3);
const LATENCY_MS = arg("latency-ms", 2_000);
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
const fake = await startFakeOpenAi();
let inFlight = 0;
let maxInFlight = 0;
fake.reply = () => {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight -= 1;
  }, LATENCY_MS);
  return {
    kind: "answer",
    content: JSON.stringify({ subject: "Your first report", body: "Hi,\n\nYour first report is one step away." }),
    promptTokens: 300,
    completionTokens: 60,
    delayMs: LATENCY_MS,
  };
};
const llm = { apiKey: "bench-key", baseURL: fake.baseURL, model: "bench-model", timeoutMs: LATENCY_MS * 5 };

async function measure(concurrency: number, mode: StepMode) {
  const setup = await runtimeWorkspace(db);
  const journey = await publishJourney(
    setup.ctx,
    setup.objective.id,
    defineJourney(
      [entryNode("entry", { holdoutShare: 0 }), messageNode("email"), goalNode("goal")],
      [edge("entry-email", "entry", "email"), edge("email-goal", "email", "goal")],
    ),
    `Brief ${mode} ${concurrency}`,
  );
  const customers = ROUNDS * concurrency;
  for (let i = 0; i < customers; i++) {
    const customer = await db.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: `c-${i}`,
        email: `c-${i}@example.test`,
        traits: { plan: "trial" },
        consent: { email: true },
        timeZone: "UTC",
      },
    });
    await db.enrollment.create({
      data: {
        workspaceId: setup.workspace.id,
        ...journey,
        customerId: customer.id,
        currentStepId: "email",
        seq: 1,
      },
    });
  }
  const deps: RunStepDeps & Parameters<typeof runtimeTaskList>[0] = {
    db,
    channels: createChannels(db, { emailFrom: "bench@example.test" }),
    policy: uniformRandomPolicy(),
    workerId: `bench-${mode}-${concurrency}`,
    publicUrl: "http://localhost:3000",
    sendMaxAttempts: 5,
    llm,
  };
  const tasks = runtimeTaskList(deps);
  maxInFlight = 0;
  const started = performance.now();
  await db.$executeRaw`select graphile_worker.add_job('run-step', json_build_object('enrollmentId', "id", 'seq', 1))
    from "Enrollment" where "journeyId" = ${journey.journeyId}`;
  const poolSize = mode === "released" ? queuePoolSize(concurrency) : GRAPHILE_DEFAULT_POOL;
  const runner = await run({
    connectionString: url,
    concurrency,
    maxPoolSize: poolSize,
    pollInterval: 100,
    noHandleSignals: true,
    logger: quiet,
    taskList: mode === "released" ? tasks : { ...tasks, "run-step": heldRunStep(deps) },
  });
  const written = () => db.message.count({ where: { journeyId: journey.journeyId } });
  while ((await written()) < customers) await new Promise((r) => setTimeout(r, 50));
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  const byModel = await db.message.count({ where: { journeyId: journey.journeyId, renderedBy: "llm" } });
  return {
    concurrency,
    mode,
    poolSize,
    modelSteps: customers,
    writtenByModel: byModel,
    seconds: Math.round(seconds * 100) / 100,
    stepsPerSecond: Math.round((customers / seconds) * 100) / 100,
    idealStepsPerSecond: Math.round((concurrency / (LATENCY_MS / 1000)) * 100) / 100,
    maxModelCallsInFlight: maxInFlight,
  };
}

try {
  const runs = [];
  for (const concurrency of [5, 25]) {
    for (const mode of ["held", "released"] as const) runs.push(await measure(concurrency, mode));
  }
  console.log(JSON.stringify({ bench: "llm-steps", modelLatencyMs: LATENCY_MS, rounds: ROUNDS, runs }, null, 2));
} finally {
  await fake.close();
  await db.$disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
