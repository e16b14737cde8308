import path from "node:path";
import { ensureDatabase } from "../embedded";
import { schemaChangesMissingFromMigrations, writeMigration } from "../migrations";
import { repoRoot } from "../paths";

const name = process.argv[2];
if (!name) {
  console.error("Usage: pnpm db:migration <name>   (e.g. pnpm db:migration add_objective_owner)");
  process.exit(1);
}

// The shadow database that replays the existing migrations lives on this server (embedded unless DATABASE_URL).
const db = await ensureDatabase();
try {
  const sql = await schemaChangesMissingFromMigrations(db.url);
  if (sql === null) {
    console.log("no changes: the migrations already produce prisma/schema.prisma");
  } else {
    const folder = writeMigration(name, sql);
    console.log(`Wrote ${path.relative(repoRoot, folder)}/migration.sql\n\n${sql}`);
  }
} finally {
  await db.stop();
}
