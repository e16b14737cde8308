export { type EmbeddedServer, startEmbeddedPostgres, EMBEDDED_USER, EMBEDDED_PASSWORD } from "./embedded/server.js";
export { resolveDataDir, canTraverse } from "./embedded/data-dir.js";
export { ensureDatabase, createDatabaseIfMissing, type DatabaseHandle } from "./embedded/ensure-database.js";
