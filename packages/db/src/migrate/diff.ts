import { readFileSync } from "node:fs";
import { migrationsDir as defaultDir, schemaPath } from "../paths";
import { noFilters, openEngine } from "./engine";
import { readMigrations } from "./migrations-dir";

export interface PendingChangesOptions {
  schema?: string;
  migrationsDir?: string;
}

/**
 * The SQL that would bring a database built by the existing migrations to schema.prisma, or null when the
 * migrations already produce the schema. The engine replays the migrations in a throwaway shadow database on
 * the server of `serverUrl` (which must allow CREATE DATABASE) and compares what they built with the schema.
 */
export async function schemaChangesMissingFromMigrations(
  serverUrl: string,
  options: PendingChangesOptions = {},
): Promise<string | null> {
  const content = options.schema ?? readFileSync(schemaPath, "utf8");
  const migrations = readMigrations(options.migrationsDir ?? defaultDir);
  const engine = await openEngine(serverUrl, content);
  try {
    const result = await engine.run((e) =>
      e.diff({
        // With no migration yet there is nothing to replay: start from an empty database.
        from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    );
    // With exitCode requested, the engine answers 2 when the diff is not empty.
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  } finally {
    await engine.close();
  }
}
