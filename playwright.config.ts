import { defineConfig } from "@playwright/test";

// The end-to-end suite starts its own Northstar (production build) on a fresh embedded database.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: `.data/test-results-${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 1,
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e-${port} && pnpm serve`,
    url: `${baseURL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PORT: String(port), NEXTAUTH_URL: baseURL, NORTHSTAR_DATA_DIR: `.data/e2e-${port}`, DATABASE_URL: "" },
  },
});
