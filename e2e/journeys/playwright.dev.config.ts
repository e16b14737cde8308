import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

/**
 * Runs the journey specs against an already running Northstar (E2E_BASE_URL), for iterating on the canvas
 * without a production build. The root config remains the one CI uses.
 */
export default defineConfig({
  ...base,
  testDir: ".",
  outputDir: "../../.data/test-results-journeys",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  webServer: undefined,
  use: { ...base.use, baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000" },
});
