import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const biome = join(root, "node_modules", ".bin", "biome");

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

/**
 * The layers of the README are enforced by biome's noRestrictedImports (biome.json overrides), so `pnpm lint` fails
 * CI on a forbidden import. Each case lints a fixture file placed where a package's source would be, with the
 * project's own biome.json, and reads the diagnostics biome reports.
 */
describe("import rules between packages", () => {
  const dir = mkdtempSync(join(tmpdir(), "northstar-import-rules-"));
  copyFileSync(join(root, "biome.json"), join(dir, "biome.json"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fixtures: Record<string, string> = {
    "packages/journey/src/forbidden-db.ts": 'import { createPrismaClient } from "@northstar/db";',
    "packages/journey/src/forbidden-agent.ts": 'import { decide } from "@northstar/agent";',
    "packages/agent/src/bandit/forbidden-openai.ts": 'import OpenAI from "openai";',
    "packages/agent/src/llm/allowed-openai.ts": 'import OpenAI from "openai";',
    "packages/engine/src/forbidden-core.ts": 'import { loadPlan } from "@northstar/core";',
    "packages/engine/src/allowed-journey.ts": 'import { compile } from "@northstar/journey";',
    "packages/simulation/src/forbidden-fs.ts": 'import { readFileSync } from "node:fs";',
    "packages/core/src/forbidden-next.ts": 'import { headers } from "next/headers";',
    "packages/core/src/forbidden-app.ts": 'import { useTRPC } from "~/trpc/react";',
    "packages/journey/src/forbidden-but-tested.test.ts": 'import { createPrismaClient } from "@northstar/db";',
  };
  for (const [path, source] of Object.entries(fixtures)) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    const name = source.match(/import (?:\{ )?(\w+)/)?.[1] ?? "x";
    writeFileSync(join(dir, path), `${source}\n\nexport const used = ${name};\n`);
  }

  const refused = (() => {
    let output: string;
    try {
      output = execFileSync(biome, ["lint", "--vcs-enabled=false", "--reporter=json", "."], {
        cwd: dir,
        encoding: "utf8",
      });
    } catch (error) {
      // biome exits 1 when it reports errors: its JSON report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const diagnostics = (JSON.parse(output) as { diagnostics: Diagnostic[] }).diagnostics;
    return new Set(
      diagnostics.filter((d) => d.category === "lint/style/noRestrictedImports").map((d) => d.location.path),
    );
  })();

  for (const path of Object.keys(fixtures)) {
    const forbidden = path.includes("/forbidden-") && !path.endsWith(".test.ts");
    it(`${forbidden ? "refuses" : "allows"} ${path.split("/").pop()?.replace(/\.ts$/, "")} in ${path.split("/src/")[0]}`, () => {
      expect(refused.has(path)).toBe(forbidden);
    });
  }
});
