export { type EmbeddedServer, startEmbeddedPostgres, EMBEDDED_USER, EMBEDDED_PASSWORD } from "./embedded/server";
export { resolveDataDir, canTraverse } from "./embedded/data-dir";
export { ensureDatabase, createDatabaseIfMissing, type DatabaseHandle } from "./embedded/ensure-database";
