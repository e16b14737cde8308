import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./server";

// /tmp (mode 1777) so that the postgres OS user can reach the directory when the tests run as root.
const root = mkdtempSync("/tmp/northstar-embedded-test-");
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const quiet = { log: () => {} };

describe("embedded PostgreSQL", () => {
  it("keeps data written before a stop when started again on the same data directory", async () => {
    const dataDir = path.join(root, "persist");
    const first = await startEmbeddedPostgres({ dataDir, ...quiet });
    await query(first.urlFor("postgres"), "CREATE TABLE note (body text); INSERT INTO note VALUES ('kept')");
    await first.stop();

    const messages: string[] = [];
    const second = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
    try {
      expect(messages.join("\n")).not.toContain("Creating a PostgreSQL cluster");
      expect(await query(second.urlFor("postgres"), "SELECT body FROM note")).toEqual([{ body: "kept" }]);
    } finally {
      await second.stop();
    }
  });

  it("starts despite a postmaster.pid left by a killed run whose pid is gone", async () => {
    const dataDir = path.join(root, "stale");
    const first = await startEmbeddedPostgres({ dataDir, ...quiet });
    const pidFile = path.join(dataDir, "postmaster.pid");
    const lockContent = readFileSync(pidFile, "utf8");
    await first.stop();

    // A pid that surely exists no more: a child that already exited.
    const deadPid = spawnSync("true").pid;
    writeFileSync(pidFile, lockContent.replace(/^\d+/, String(deadPid)));
    const messages: string[] = [];
    const second = await startEmbeddedPostgres({ dataDir, log: (m) => messages.push(m) });
    try {
      expect(messages.join("\n")).toContain("Removing stale");
      expect(await query(second.urlFor("postgres"), "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it("reuses a server still running on the data directory instead of failing on its lock file", async () => {
    const dataDir = path.join(root, "running");
    const first = await startEmbeddedPostgres({ dataDir, ...quiet });
    try {
      const second = await startEmbeddedPostgres({ dataDir, ...quiet });
      expect(second.port).toBe(first.port);
      await second.stop(); // not ours: must leave the server running
      expect(await query(first.urlFor("postgres"), "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    } finally {
      await first.stop();
    }
  });
});
