import { createPrismaClient } from "../client";
import { ensureDatabase } from "../embedded";
import { migrateDatabase } from "../migrations";
import { DEMO_CREDENTIALS, seedDemo } from "../seed";

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
} finally {
  await prisma.$disconnect();
  await db.stop();
}
