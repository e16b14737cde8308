// Database setup for launchers, CLIs and tests: embedded server, migrations, demo seed.
export { type DatabaseHandle, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded";
export {
  type MigrateResult,
  migrateDatabase,
  readMigrations,
  schemaChangesMissingFromMigrations,
  writeMigration,
} from "./migrations";
export {
  DEMO_CREDENTIALS,
  DEMO_WORKSPACES,
  type DemoUser,
  type HistoryResult,
  type SeedResult,
  seedDemo,
  seedHistory,
} from "./seed";
