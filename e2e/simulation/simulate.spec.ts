import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";
import { canvas } from "../journeys/canvas-helpers";

/**
 * Issue 8: a marketer simulates a demo journey from its canvas before touching a customer, watches the progress
 * bar, then reads the predicted volumes on the edges and the summary.
 */
test("a marketer simulates a journey from the canvas and sees volumes on its edges", async ({ page }) => {
  test.setTimeout(180_000);
  const marketer = DEMO_CREDENTIALS.marketer;
  await signIn(page, marketer.email, marketer.password);
  await expectSignedIn(page);
  await page.getByRole("link", { name: "Welcome series" }).first().click();
  await expect(canvas(page)).toBeVisible();

  await page.getByRole("button", { name: /Simulate/ }).click();
  const dialog = page.getByRole("dialog", { name: "Simulate this journey" });
  await dialog.getByLabel("Population").selectOption("synthetic");
  await dialog.getByLabel("Customers (up to 100,000)").fill("30000");
  await dialog.getByLabel("Horizon (days)").fill("30");
  await dialog.getByRole("button", { name: "Run simulation" }).click();

  // The run goes to the worker; the canvas shows its progress meanwhile.
  const progress = page.getByRole("progressbar", { name: "Simulation progress" });
  await expect(progress).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/simulation-01-progress.png` });

  const summary = page.getByTestId("simulation-summary");
  await expect(summary).toBeVisible({ timeout: 150_000 });
  await expect(progress).toHaveCount(0);
  await expect(summary).toContainText("30,000");

  // Every edge carries a simulated volume; the entry edge carries the customers who were not held out.
  const volumes = page.locator('[data-testid^="sim-edge-"]');
  expect(await volumes.count()).toBeGreaterThan(1);
  const counts = (await volumes.allInnerTexts()).map((t) => Number(t.split(" ")[0]?.replace(/[^\d.]/g, "")));
  expect(Math.max(...counts)).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/simulation-02-volumes.png` });

  // The overlay can be hidden and shown again.
  await summary.getByLabel("Show on canvas").uncheck();
  await expect(volumes).toHaveCount(0);
  await summary.getByLabel("Show on canvas").check();
  await expect(volumes.first()).toBeVisible();
});
