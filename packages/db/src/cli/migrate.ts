import { ensureDatabase } from "../embedded";
import { migrateDatabase } from "../migrations";

const db = await ensureDatabase();
try {
  const { applied } = await migrateDatabase(db.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
} finally {
  await db.stop();
}
