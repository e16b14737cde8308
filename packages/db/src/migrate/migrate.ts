import { migrationsDir as defaultDir } from "../paths";
import { noFilters, openEngine } from "./engine";
import { readMigrations } from "./migrations-dir";

export interface MigrateResult {
  /** Names of the migrations applied by this call (empty when the database was up to date). */
  applied: string[];
}

/**
 * Applies the pending migrations of prisma/migrations to `url`, recording them in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does, through Prisma's WebAssembly schema engine (no native engine).
 */
export async function migrateDatabase(url: string, options: { migrationsDir?: string } = {}): Promise<MigrateResult> {
  const migrationsList = readMigrations(options.migrationsDir ?? defaultDir);
  const engine = await openEngine(url);
  try {
    const { appliedMigrationNames } = await engine.run((e) =>
      e.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return { applied: appliedMigrationNames };
  } finally {
    await engine.close();
  }
}
