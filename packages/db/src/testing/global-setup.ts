import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@northstar/env";
import type { TestProject } from "vitest/node";
import { canTraverse } from "../embedded/data-dir";
import { serverUser } from "../embedded/server-user";
import { type EmbeddedServer, startEmbeddedPostgres } from "../embedded/server";
import { migrateDatabase } from "../migrate/migrate";
import { adminQuery, quoteIdent, withDatabase } from "./admin";
import "./provided-context";

export const TEMPLATE_DATABASE = "northstar_template";

/** A fresh directory the server user (postgres, when we are root) can reach: under the OS temp dir or /tmp. */
function reachableTempDir(): string {
  for (const base of [tmpdir(), "/tmp"]) {
    const dir = mkdtempSync(path.join(base, "northstar-test-pg-"));
    chmodSync(dir, 0o755);
    if (canTraverse(dir, serverUser())) return dir;
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error("No temporary directory reachable by the postgres user");
}

/**
 * Vitest global setup of the integration project: ONE server for the whole run (embedded in a temp dir, or the
 * server of TEST_DATABASE_URL / DATABASE_URL), a migrated template database, torn down at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = env().TEST_DATABASE_URL ?? env().DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let tempDir: string | undefined;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    tempDir = reachableTempDir();
    server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "data"), ephemeral: true, log: () => {} });
    adminUrl = server.urlFor("postgres");
  }

  const template = quoteIdent(TEMPLATE_DATABASE);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE));
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
  await adminQuery(
    adminUrl,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DATABASE}' AND pid <> pg_backend_pid()`,
  );

  project.provide("databaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);

  return async () => {
    if (server) await server.stop();
    else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}
