import { runMigrations } from "graphile-worker";
import pg from "pg";
import { registerTasks } from "./execute/jobs";

/**
 * Installs or upgrades graphile-worker's schema and registers the runtime's task names (idempotent); the worker does
 * it on start, tests and benches too. The names must exist before a step inserts a job directly (execute/jobs.ts).
 */
export async function installQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: undefined });
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(registerTasks.text, registerTasks.values as unknown[]);
  } finally {
    await client.end();
  }
}
