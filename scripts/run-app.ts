/**
 * Starts Northstar: the database (embedded PostgreSQL unless DATABASE_URL is set), migrations, the demo seed,
 * then the web app and one worker process, and stops them all together.
 *   tsx scripts/run-app.ts start   production build (run `pnpm build` first)
 *   tsx scripts/run-app.ts dev     Next.js dev server with hot reload
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

const { getDb } = await import("@northstar/db");
const { DEMO_CREDENTIALS, ensureDatabase, migrateDatabase, seedDemo, seedHistory } = await import(
  "@northstar/db/setup"
);
const { env } = await import("@northstar/env");

const mode = process.argv[2] === "dev" ? "dev" : "start";
const config = env();
const dataDir = config.NORTHSTAR_DATA_DIR ?? join(root, ".data");

function authSecret(): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  const file = join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

if (mode === "start" && !existsSync(join(root, "apps/web/.next/BUILD_ID"))) {
  console.error("No production build found: run `pnpm build` first (or `npm start`, which builds).");
  process.exit(1);
}

const database = await ensureDatabase();
await migrateDatabase(database.url);
process.env.DATABASE_URL = database.url;
// Only an empty database gets the demo workspace (its passwords are public) and six months of demo history, so the
// bloat dashboard has something to audit. A database with workspaces is never touched (`pnpm db:seed` does it by hand).
const fresh = (await getDb().workspace.count()) === 0;
const seeded = fresh ? await seedDemo(getDb()) : null;
if (seeded) await seedHistory(getDb());
await getDb().$disconnect();

const childEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: config.NEXTAUTH_URL,
  PORT: String(config.PORT),
};

const children: ChildProcess[] = [];
function launch(name: string, command: string, args: string[]) {
  const child = spawn(command, args, { cwd: root, env: childEnv, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping Northstar`);
      void shutdown(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const web =
  mode === "dev" ? ["next", "dev", "--port", String(config.PORT)] : ["next", "start", "--port", String(config.PORT)];
launch("web", "pnpm", ["--filter", "@northstar/web", "exec", ...web]);
launch("worker", "pnpm", ["--filter", "@northstar/worker", "exec", "tsx", "src/main.ts"]);

console.log(`\nNorthstar is starting on ${config.NEXTAUTH_URL}`);
if (seeded?.createdUsers) {
  console.log("Demo workspace created. Sign in with:");
  for (const user of Object.values(DEMO_CREDENTIALS))
    console.log(`  ${user.role.padEnd(9)} ${user.email.padEnd(28)} ${user.password}`);
}
