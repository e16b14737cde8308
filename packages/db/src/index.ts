// The one Prisma client and everything around the database: embedded server, migrations, demo seed.
export { Prisma, PrismaClient } from "./generated/prisma/client.js";
export type {
  AuditEntry,
  Journey,
  JourneyVersion,
  Membership,
  Objective,
  PublicationRequest,
  User,
  WorkerHeartbeat,
  Workspace,
} from "./generated/prisma/client.js";
export { JourneyStatus, PublicationRequestStatus, Role, VersionState } from "./generated/prisma/enums.js";
export { createPrismaClient, disconnectDb, getDb } from "./client.js";
export { hashPassword, verifyPassword } from "./password.js";
export { type DatabaseHandle, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded.js";
export {
  type MigrateResult,
  migrateDatabase,
  readMigrations,
  schemaChangesMissingFromMigrations,
  writeMigration,
} from "./migrations.js";
export { DEMO_CREDENTIALS, DEMO_WORKSPACES, type DemoUser, type SeedResult, seedDemo } from "./seed.js";
