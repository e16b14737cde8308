import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Runs `prisma generate` without network: the CLI wants a native schema engine on every command and tries to
// download one; generate never runs it, so any existing executable (node itself) satisfies the check.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

const result = spawnSync(process.execPath, [prismaCli, "generate", "--config", "prisma.config.ts"], {
  cwd: packageDir,
  stdio: "inherit",
  env: {
    // biome-ignore lint/style/noProcessEnv: passes the environment through to the Prisma CLI; reads no setting.
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
