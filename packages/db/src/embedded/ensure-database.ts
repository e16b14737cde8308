import path from "node:path";
import { env } from "@northstar/env";
import pg from "pg";
import { setEnsuredDatabaseUrl } from "../client";
import { repoRoot } from "../paths";
import { resolveDataDir } from "./data-dir";
import { startEmbeddedPostgres } from "./server";

export const DATABASE_NAME = "northstar";

export interface DatabaseHandle {
  url: string;
  /** True when this process started (or reused) the embedded server rather than using DATABASE_URL. */
  embedded: boolean;
  stop(): Promise<void>;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Two processes racing to create it: the loser sees a duplicate.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

let pending: Promise<DatabaseHandle> | undefined;

/**
 * The database this process should use. With DATABASE_URL set, that URL and nothing started. Otherwise a real
 * embedded PostgreSQL with its files in <repo>/.data/postgres (or $NORTHSTAR_DATA_DIR/postgres), started once per
 * process, with the `northstar` database created if missing.
 */
export function ensureDatabase(options: { log?: (message: string) => void } = {}): Promise<DatabaseHandle> {
  pending ??= start(options.log).catch((error) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function start(log: (message: string) => void = (m) => console.log(m)): Promise<DatabaseHandle> {
  const configured = env().DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };

  const base = env().NORTHSTAR_DATA_DIR ?? path.join(repoRoot, ".data");
  const { dir } = resolveDataDir(path.join(path.resolve(base), "postgres"), log);
  const server = await startEmbeddedPostgres({ dataDir: dir, log });
  await createDatabaseIfMissing(server.urlFor("postgres"), DATABASE_NAME);
  const url = server.urlFor(DATABASE_NAME);
  setEnsuredDatabaseUrl(url);
  return {
    url,
    embedded: true,
    stop: async () => {
      pending = undefined;
      setEnsuredDatabaseUrl(undefined);
      await server.stop();
    },
  };
}
