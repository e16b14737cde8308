export { migrateDatabase, type MigrateResult } from "./migrate/migrate.js";
export { schemaChangesMissingFromMigrations } from "./migrate/diff.js";
export { readMigrations, writeMigration, migrationFolderName } from "./migrate/migrations-dir.js";
