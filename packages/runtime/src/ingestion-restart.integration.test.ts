import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@northstar/db";
import { type EmbeddedServer, migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installQueue } from "./queue-schema";
import { basicAuth, runtimeWorkspace, startIngestionServer, startTcpRelay } from "./testing";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A durable PostgreSQL of its own (fsync on), crashed (immediate shutdown, as a power cut or OOM kill looks to the
 * server) and restarted while clients keep sending: requests may fail while it is down, but every call answered
 * 200 must be in the database afterwards.
 */
describe("ingestion across a database crash and restart", () => {
  let dir: string;
  let server: EmbeddedServer;
  let relay: Awaited<ReturnType<typeof startTcpRelay>>;
  let db: PrismaClient;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let key: string;
  const quiet = () => {};

  beforeAll(async () => {
    // The server runs as the OS user postgres when we are root: its directory must be reachable by others.
    dir = mkdtempSync("/tmp/northstar-restart-");
    chmodSync(dir, 0o755);
    server = await startEmbeddedPostgres({ dataDir: join(dir, "data"), log: quiet });
    relay = await startTcpRelay();
    relay.setTarget(server.port);
    const url = `postgresql://northstar:northstar@127.0.0.1:${relay.port}`;
    const admin = createPrismaClient(`${url}/postgres`);
    await admin.$executeRawUnsafe("create database ingest");
    await admin.$disconnect();
    await migrateDatabase(`${url}/ingest`);
    await installQueue(`${url}/ingest`);
    db = createPrismaClient(`${url}/ingest`);
    key = (await runtimeWorkspace(db)).writeKey;
    http = await startIngestionServer(db);
  }, 120_000);
  afterAll(async () => {
    await http?.close();
    await db?.$disconnect();
    await relay?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every accepted event", async () => {
    const accepted: string[] = [];
    let refused = 0;
    let acceptedAfterRestart = 0;
    let restarted = false;
    let sending = true;
    let n = 0;
    const send = async (sender: number) => {
      while (sending) {
        const ids = [0, 1, 2].map((k) => `m-${sender}-${n++}-${k}`);
        const batch = ids.map((messageId) => ({
          type: "track",
          event: "Page Viewed",
          userId: `u${n % 50}`,
          messageId,
        }));
        try {
          const res = await fetch(`${http.url}/api/v1/batch`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: basicAuth(key) },
            body: JSON.stringify({ batch }),
            signal: AbortSignal.timeout(10_000),
          });
          await res.text();
          if (res.status === 200) {
            accepted.push(...ids);
            if (restarted) acceptedAfterRestart += ids.length;
          } else refused++;
        } catch {
          refused++;
        }
      }
    };
    const senders = [1, 2, 3, 4].map(send);

    await expect.poll(() => accepted.length, { timeout: 20_000, interval: 20 }).toBeGreaterThan(30);
    const pid = Number(readFileSync(join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGQUIT"); // immediate shutdown: no checkpoint, crash recovery from the WAL at start
    await expect.poll(() => isAlive(pid), { timeout: 30_000, interval: 50 }).toBe(false);
    relay.setTarget(null);
    const acceptedWhileDown = accepted.length;
    await new Promise((r) => setTimeout(r, 1_000));
    server = await startEmbeddedPostgres({ dataDir: join(dir, "data"), log: quiet });
    restarted = true;
    relay.setTarget(server.port);
    await expect.poll(() => acceptedAfterRestart, { timeout: 30_000, interval: 50 }).toBeGreaterThan(30);
    sending = false;
    await Promise.all(senders);

    expect(refused).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(acceptedWhileDown);
    const stored = new Set(
      (await db.event.findMany({ select: { messageId: true } })).map((e: { messageId: string }) => e.messageId),
    );
    const lost = accepted.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(accepted.length);
    // Each stored batch came with its processing job (same transaction), so none waits for the sweep.
    const unqueued = await db.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from "Event" e where e."processedAt" is null and not exists (
        select 1 from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t."id" = j."task_id"
        where t."identifier" = 'process-events' and (j."payload"::jsonb)->'eventIds' ? e."id")`;
    expect(unqueued[0]?.n).toBe(0);
  }, 180_000);
});
