import { expect, type Page, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn, switchUser } from "../fixtures/session";

/**
 * The bloat story of issue 7 on the demo history seeded at first start: a manager finds the stale cross-sell branch
 * of "Post-purchase follow-up", opens it on the canvas, prunes it from there into a draft; under the four-eyes rule
 * (on by default) the admin approves and publishes it from the review queue, and the branch leaves the canvas and
 * the stale list. Screenshots of the dashboard and the canvas land in
 * e2e/screenshots/.
 */
test.describe.configure({ mode: "serial" });

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-${name}.png`, fullPage });

const staleRow = (page: Page, edgeId: string) => page.locator(`[data-testid=stale-row][data-edge-id="${edgeId}"]`);

test("a manager prunes a stale branch from the canvas, the admin approves it, and it leaves the stale list", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const manager = DEMO_CREDENTIALS.manager;
  await signIn(page, manager.email, manager.password);
  await expectSignedIn(page);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // The demo history: stale branches, idle and overlapping journeys, message pressure.
  await expect(staleRow(page, "pp-cross")).toBeVisible();
  await expect(staleRow(page, "ca-is-fr")).toBeVisible();
  await expect(page.getByTestId("idle-list")).toContainText("Win-back 90 days");
  await expect(page.getByTestId("overlap-list")).toContainText("Welcome series");
  await expect(page.getByTestId("pressure-charts")).toContainText("email");
  await expect(page.getByTestId("total-staleBranches")).toBeVisible();
  await expect(page.locator("[data-testid=trend-chart] .recharts-line").first()).toBeVisible();
  await page.waitForTimeout(500);
  await shot(page, "01-overview", true);
  await shot(page, "01-overview-fold");

  // Drill-down of the journey: entries sparkline and per-branch fires.
  await page.getByTestId("ranked-row").filter({ hasText: "Post-purchase follow-up" }).click();
  const drilldown = page.getByTestId("drilldown");
  await expect(drilldown.getByTestId("entries-sparkline").locator(".recharts-area")).toBeVisible();
  await expect(drilldown.locator('[data-testid=branch-row][data-stale="true"]').first()).toBeVisible();
  await shot(page, "02-drilldown");
  await drilldown.getByRole("button", { name: "Close" }).click();

  // The same branch on the canvas: dashed amber, "stale N days".
  await staleRow(page, "pp-cross").getByRole("link", { name: "Open on canvas" }).click();
  await expect(page).toHaveURL(/\/journeys\/[^/?]+\?version=/);
  const badge = page.getByTestId("stale-badge-pp-cross");
  await expect(badge).toHaveText(/^stale \d+ days$/, { timeout: 20_000 });
  await page.waitForTimeout(500);
  await shot(page, "03-canvas-stale-branch");

  // Prune FROM THE CANVAS: select the branch, the inspector offers the dashboard's prune dialog.
  await page.getByTestId("edge-label-pp-cross").click();
  const panel = page.getByTestId("stale-panel");
  await expect(panel).toContainText("Stale branch: idle");
  await shot(page, "04-canvas-stale-selected");
  await panel.getByRole("button", { name: "Prune branch" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("prune-diff")).toContainText("Cross-sell push");
  await expect(dialog.getByTestId("prune-diff")).toContainText("Wait for next order");
  await expect(dialog.getByTestId("prune-customers")).toContainText("Customers inside the removed nodes: 3");
  await shot(page, "05-canvas-prune-preview");
  await dialog.getByRole("button", { name: "Create pruned draft" }).click();
  await expect(dialog.getByTestId("prune-result")).toContainText("submitted for approval");
  // Four eyes: the manager who pruned cannot approve it; the dialog says who can, and offers no approve button.
  await expect(dialog.getByTestId("prune-four-eyes")).toContainText("another manager or admin approves this prune");
  await expect(dialog.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);
  await shot(page, "06-canvas-pruned-awaiting-approval");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The admin finds the prune in the review queue and approves it on the canvas.
  await switchUser(page, DEMO_CREDENTIALS.admin);
  await page.goto("/review");
  const request = page
    .getByRole("list", { name: "Pending publication requests" })
    .getByRole("listitem")
    .filter({ hasText: "Post-purchase follow-up" });
  await expect(request).toContainText("Requested by");
  await request.getByRole("link", { name: "Review" }).click();
  await expect(page.getByTestId("version-banner")).toContainText("awaiting approval", { timeout: 20_000 });
  await page.getByRole("tab", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByTestId("version-banner")).toContainText("Read-only", { timeout: 15_000 });

  // The canvas now shows the pruned live version: the branch and the steps only it reached are gone.
  await page.goto(page.url().replace(/\?.*$/, ""));
  await expect(page.getByTestId("edge-label-pp-thanks")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("edge-label-pp-cross")).toHaveCount(0);
  await shot(page, "07-canvas-after-prune");

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // Gone from the stale list (and from the CSV export); the other stale branches stay.
  await expect(staleRow(page, "pp-cross")).toHaveCount(0);
  await expect(staleRow(page, "pp-cross-next")).toHaveCount(0);
  await expect(staleRow(page, "ca-is-fr")).toBeVisible();
  const csv = await page.request.get("/api/dashboard/stale-branches");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe(
    "journey_id,journey,owner,version,edge_id,branch,from,to,last_fired_at,total_fires,idle_days",
  );
  expect(text).toContain(",ca-is-fr,");
  expect(text).not.toContain(",pp-cross,");
  await shot(page, "08-after-prune");
});

test("a marketer has no dashboard and no export", async ({ page }) => {
  const marketer = DEMO_CREDENTIALS.marketer;
  await signIn(page, marketer.email, marketer.password);
  await expectSignedIn(page);
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  const csv = await page.request.get("/api/dashboard/stale-branches");
  expect(csv.status()).toBe(403);
});
