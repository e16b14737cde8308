import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaPath } from "../paths";
import { createEmptyTestDatabase, createTestDatabase, testServerUrl } from "../testing/index";
import { schemaChangesMissingFromMigrations } from "./diff";
import { migrateDatabase } from "./migrate";
import { readMigrations } from "./migrations-dir";

describe("migrations", () => {
  it("schema has no changes missing from migrations (run `pnpm db:migration <name>` if this fails)", async () => {
    const missing = await schemaChangesMissingFromMigrations(testServerUrl());
    expect(missing, `prisma/schema.prisma changes no migration covers:\n${missing}`).toBeNull();
  });

  it("reports the SQL of a schema change that no migration covers", async () => {
    const schema = `${readFileSync(schemaPath, "utf8")}\nmodel DriftProbe {\n  id String @id\n}\n`;
    const missing = await schemaChangesMissingFromMigrations(testServerUrl(), { schema });
    expect(missing).toContain('CREATE TABLE "DriftProbe"');
  });

  describe("on an empty database", () => {
    let db: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
    beforeAll(async () => {
      db = await createEmptyTestDatabase();
    });
    afterAll(() => db.drop());

    it("applies every migration once, then applying again is a no-op", async () => {
      const names = readMigrations().migrationDirectories.map((m) => m.path);
      expect(await migrateDatabase(db.url)).toEqual({ applied: names });
      expect(await migrateDatabase(db.url)).toEqual({ applied: [] });
    });
  });

  describe("on a database cloned from the template", () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it("records the migrations in _prisma_migrations like prisma migrate deploy", async () => {
      const rows = await db.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
        SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().migrationDirectories.map((m) => m.path));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      expect(await migrateDatabase(db.url)).toEqual({ applied: [] });
    });
  });
});
