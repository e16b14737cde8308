/**
 * Ingestion benchmark, printed as JSON: a client posts `track` calls to `/api/v1/batch` (the same handler as the web
 * app's route, on a real HTTP server) at a steady rate, one batch every 100 ms, while a worker processes them into
 * enrollments of a published journey (entry -> agent -> message -> a day-long wait -> goal). It reports the accepted
 * events/s, the rate the client managed to keep, and the p50/p95/max delay from a call's acceptance (its batch's 200)
 * to the customer's enrollment (`Enrollment.enteredAt`), on one machine and clock.
 * Usage: pnpm --filter @northstar/bench ingestion [--rate=100] [--seconds=10] [--concurrency=10]
 *   (the figure: --rate=500 --seconds=60)
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { createPrismaClient } from "@northstar/db";
import { migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import { createChannels, installQueue, queuePoolSize, runtimeTaskList, uniformRandomPolicy } from "@northstar/runtime";
import { benchJourney, post, publishJourney, runtimeWorkspace, startIngestionServer } from "@northstar/runtime/testing";
import { Logger, run } from "graphile-worker";
import pg from "pg";

// Options as `--rate=N --seconds=N --concurrency=N` (environment variables are read in packages/env only).
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const RATE = arg("rate", 100);
const SECONDS = arg("seconds", 10);
const CONCURRENCY = arg("concurrency", 10);
const TICK_MS = 100;

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

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null);

try {
  const setup = await runtimeWorkspace(db, "purchase");
  const { journeyId } = await publishJourney(setup.ctx, setup.objective.id, benchJourney(1440), "Ingestion bench");
  const http = await startIngestionServer(db);
  const runner = await run({
    connectionString: url,
    concurrency: CONCURRENCY,
    maxPoolSize: queuePoolSize(CONCURRENCY),
    pollInterval: 100,
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
    taskList: runtimeTaskList({
      db,
      channels: createChannels(db, { emailFrom: "bench@example.test" }),
      policy: uniformRandomPolicy(),
      workerId: "bench-ingestion",
      publicUrl: "http://localhost:3000",
      sendMaxAttempts: 5,
    }),
  });

  const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  const acceptedAt = new Map<string, number>();
  let accepted = 0;
  let refused = 0;
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  for (let tick = 0; tick < ticks; tick++) {
    // Steady schedule: each batch leaves at its slot whether or not earlier ones were answered.
    const due = started + tick * TICK_MS;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const users = Array.from({ length: perTick }, (_, k) => `u${tick * perTick + k}`);
    const batch = users.map((userId) => ({
      type: "track",
      event: "signed_up",
      userId,
      properties: { plan: "trial" },
      messageId: `signup-${userId}`,
    }));
    inFlight.push(
      post(http.url, "/api/v1/batch", setup.writeKey, { batch }).then((response) => {
        if (response.status !== 200) {
          refused += users.length;
          return;
        }
        const at = Date.now();
        accepted += users.length;
        for (const u of users) acceptedAt.set(u, at);
      }),
    );
  }
  await Promise.all(inFlight);
  const sendSeconds = (Date.now() - started) / 1000;

  // Every accepted call becomes an enrollment; wait for the last ones (bounded).
  const deadline = Date.now() + 120_000;
  while ((await db.enrollment.count({ where: { journeyId } })) < accepted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const rows = await db.$queryRaw<{ externalId: string; enteredAt: Date }[]>`
    select c."externalId", e."enteredAt" from "Enrollment" e join "Customer" c on c."id" = e."customerId"
    where e."journeyId" = ${journeyId}`;
  const delays = rows
    .map((r) => r.enteredAt.getTime() - (acceptedAt.get(r.externalId) ?? Number.NaN))
    .filter((d) => Number.isFinite(d))
    .sort((a, b) => a - b);
  await runner.stop();
  await http.close();

  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, node: process.version, concurrency: CONCURRENCY },
        target: { eventsPerSecond: RATE, seconds: SECONDS, batchEveryMs: TICK_MS, callsPerBatch: perTick },
        sent: ticks * perTick,
        accepted,
        refused,
        acceptedEventsPerSecond: Number((accepted / sendSeconds).toFixed(1)),
        sendSeconds: Number(sendSeconds.toFixed(2)),
        enrolled: rows.length,
        acceptanceToEnrollmentMs: {
          p50: percentile(delays, 50),
          p95: percentile(delays, 95),
          max: delays.at(-1) ?? null,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await db.$disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
