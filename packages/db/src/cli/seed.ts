import { createPrismaClient } from "../client";
import { ensureDatabase } from "../embedded";
import { migrateDatabase } from "../migrations";
import { DEMO_CREDENTIALS, seedDemo, seedHistory } from "../seed";

// `pnpm db:seed --history` adds six months of demo history (journeys, counters, messages) to Acme Retail.
const withHistory = process.argv.includes("--history");

const db = await ensureDatabase();
const prisma = createPrismaClient(db.url);
try {
  // Seeding an unmigrated database would fail on missing tables; migrating first is a no-op when up to date.
  await migrateDatabase(db.url);
  const { createdUsers } = await seedDemo(prisma);
  if (createdUsers) {
    console.log("Demo users created:");
    for (const u of Object.values(DEMO_CREDENTIALS)) console.log(`  ${u.role.padEnd(8)} ${u.email}  /  ${u.password}`);
  } else {
    console.log("Demo data already present.");
  }
  if (withHistory) {
    const history = await seedHistory(prisma);
    console.log(
      history.created
        ? `Demo history added: ${history.journeys} journeys, 180 days of counters.`
        : "Demo history already present.",
    );
  }
} finally {
  await prisma.$disconnect();
  await db.stop();
}
