import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient } from "../client";
import type { PrismaClient } from "../generated/prisma/client";
import { adminQuery, quoteIdent, withDatabase } from "./admin";
import "./provided-context";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** Admin URL of the server the integration run shares (may create and drop databases). */
export function testServerUrl(): string {
  return inject("databaseUrl");
}

/**
 * A database of its own for one integration test file, cloned from the migrated template (fast: a file copy).
 * Call in beforeAll and `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testServerUrl();
  const name = `northstar_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(inject("templateDatabase"))}`);
  const url = withDatabase(adminUrl, name);
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}

/** An empty database (no migration applied), for tests of the migration runner itself. */
export async function createEmptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = testServerUrl();
  const name = `northstar_empty_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  };
}
