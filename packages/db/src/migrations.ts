export { migrateDatabase, type MigrateResult } from "./migrate/migrate";
export { schemaChangesMissingFromMigrations } from "./migrate/diff";
export { readMigrations, writeMigration, migrationFolderName } from "./migrate/migrations-dir";
