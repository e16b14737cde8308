import { env } from "@northstar/env";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

let shared: PrismaClient | undefined;
let ensuredUrl: string | undefined;

/** Called by ensureDatabase: the URL getDb() falls back to when DATABASE_URL is unset. */
export function setEnsuredDatabaseUrl(url: string | undefined): void {
  ensuredUrl = url;
}

/**
 * The process-wide client for DATABASE_URL, or else for the database ensureDatabase() started in this process
 * (env() is parsed once, so setting process.env.DATABASE_URL after it was read would not be seen).
 */
export function getDb(): PrismaClient {
  if (shared) return shared;
  const url = env().DATABASE_URL ?? ensuredUrl;
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
