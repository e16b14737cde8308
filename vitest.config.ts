import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{apps,packages,bench,scripts}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.integration.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/**/*.integration.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["packages/db/src/testing/global-setup.ts"],
          testTimeout: 60_000,
          // Integration tests start processes, restart servers and wait on notifications on a shared machine: a test
          // that fails once is run again, and the summary names it as flaky so it is still looked at.
          retry: 2,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
