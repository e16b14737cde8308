import { env } from "@northstar/env";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

let shared: PrismaClient | undefined;

/**
 * The process-wide client for DATABASE_URL. Launchers that start the embedded server set DATABASE_URL
 * (from `ensureDatabase().url`) before the first call.
 */
export function getDb(): PrismaClient {
  if (shared) return shared;
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Set it to a postgres:// URL, or call ensureDatabase() first and export its url as DATABASE_URL (pnpm start does this).",
    );
  }
  shared = createPrismaClient(url);
  return shared;
}

/** Disconnects the shared client (end of a script or a test). */
export async function disconnectDb(): Promise<void> {
  const client = shared;
  shared = undefined;
  await client?.$disconnect();
}
