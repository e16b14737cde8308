import { expect, type Page, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn } from "../fixtures/session";
import { node, shot } from "./canvas-helpers";

/**
 * A starter template opens ready to publish, and two people editing the same draft never overwrite each other:
 * the second save is refused and the canvas explains who saved and what to do.
 */
async function renameStep(page: Page, id: string, name: string) {
  await node(page, id).click();
  await page.getByRole("tab", { name: /Inspect/ }).click();
  await page.getByTestId("node-inspector").getByLabel("Name", { exact: true }).fill(name);
}

test("a template starts clean, and a concurrent save is explained instead of overwritten", async ({ browser }) => {
  test.setTimeout(120_000);
  const marketer = DEMO_CREDENTIALS.marketer;
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, marketer.email, marketer.password);
  await expectSignedIn(first);
  await first.getByRole("button", { name: "New journey" }).click();
  const dialog = first.getByRole("dialog");
  await dialog
    .locator("label", { has: first.locator('input[name="objective"]') })
    .first()
    .click();
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByLabel("Journey name").fill(`Welcome starter ${Date.now().toString(36)}`);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByText("Welcome", { exact: true }).click();
  await dialog.getByRole("button", { name: "Create journey" }).click();
  await first.waitForURL(/\/journeys\/[^/?]+$/);
  await expect(first.locator(".react-flow__node")).toHaveCount(11);
  await first.getByRole("tab", { name: /Problems/ }).click();
  await expect(first.getByTestId("problems-empty")).toContainText("No problems");
  await shot(first, "16-welcome-template");

  // A second tab opens the same draft; the first one saves a change.
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.locator(".react-flow__node")).toHaveCount(11);
  await renameStep(first, "entry", "Signed up today");
  await first.getByRole("button", { name: "Save", exact: true }).click();
  await expect(first.getByTestId("save-status")).toHaveAttribute("data-state", "saved");

  // The second tab's save was based on the older revision: refused and explained.
  await renameStep(second, "goal", "Activated this week");
  await second.getByRole("button", { name: "Save", exact: true }).click();
  const banner = second.getByTestId("conflict-banner");
  await expect(banner).toContainText("Mia Marketer");
  await expect(banner).toContainText("saved this draft");
  await shot(second, "17-save-conflict");

  // Loading their version shows the first tab's change; nothing was overwritten.
  await banner.getByRole("button", { name: /Load their version/ }).click();
  await expect(node(second, "entry")).toContainText("Signed up today");
  await expect(second.getByTestId("conflict-banner")).toHaveCount(0);
  await context.close();
});
