// Prisma CLI configuration (Prisma 7 reads it from the working directory: run the CLI from packages/db).
// Migrations here are applied by src/migrate (WebAssembly engine, offline); a machine with Prisma's native
// engine can also run `pnpm exec prisma migrate deploy` from packages/db with DATABASE_URL set.
import { env } from "@northstar/env";
import { defineConfig } from "prisma/config";

const url = env().DATABASE_URL;

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
