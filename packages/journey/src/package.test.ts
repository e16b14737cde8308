import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "./diagnostics/codes";

// What journey may import is a lint rule (biome.json, tested in scripts/import-rules.test.ts).
describe("package documentation", () => {
  it("the README documents every diagnostic code with its severity", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${severity}\\s*\\|`));
    }
  });
});
