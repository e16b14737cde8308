import { runMigrations } from "graphile-worker";

/** Installs or upgrades graphile-worker's schema (idempotent); the worker does it on start, tests and benches too. */
export async function installQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: undefined });
}
