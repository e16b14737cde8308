import { ensureDatabase } from "../embedded.js";
import { migrateDatabase } from "../migrations.js";

const db = await ensureDatabase();
try {
  const { applied } = await migrateDatabase(db.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
} finally {
  await db.stop();
}
