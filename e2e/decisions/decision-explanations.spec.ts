import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";
import { node } from "../journeys/canvas-helpers";
import { agentJourney, createWriteKey, openCustomer, publishJourney, sendEvent } from "./decision-journey";

const EVENT = "E2E Browsed";

test("a customer's timeline explains the agent's decision", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO_CREDENTIALS.admin.email, DEMO_CREDENTIALS.admin.password);
  await expectSignedIn(page);
  const secret = await createWriteKey(page, "E2E explanations");
  const journeyId = await publishJourney(page, "E2E explained offer", agentJourney(EVENT, 0));

  const stamp = Date.now();
  const email = `grace.${stamp}@example.test`;
  await sendEvent(request, secret, { userId: `e2e-${stamp}`, email, firstName: "Grace" }, EVENT);

  await openCustomer(page, email, "Grace");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(async () => {
    await page.reload();
    await expect(timeline.getByText(/Agent chose “Email (A|B)” in E2E explained offer/)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });

  const explanation = timeline.getByTestId("decision-explanation");
  await expect(explanation.getByText(/^(explore|exploit)$/)).toBeVisible();
  await expect(explanation.getByText(/^policy: /)).toBeVisible();
  await expect(explanation.getByText(/^confidence \d+%$/)).toBeVisible();
  await expect(explanation.getByTestId("decision-rationale")).not.toBeEmpty();
  const options = explanation.getByRole("table", { name: "Options considered" });
  await expect(options.getByRole("row")).toHaveCount(2);
  await expect(options.getByText("✓ chosen")).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-02-customer-timeline.png`, fullPage: true });

  // The decision links to its agent node's decisions over time.
  await timeline.getByRole("link", { name: /Agent chose/ }).click();
  await expect(page).toHaveURL(/\/journeys\/[^/]+\/decisions\?step=choose$/);
  await expect(page.getByRole("region", { name: "Agent node decisions" })).toContainText("1 decision in 30 days");
  const period = page.getByRole("table", { name: "Options over the period" });
  await expect(period.getByRole("row").filter({ hasText: "100%" })).toHaveCount(1);
  await expect(page.getByTestId("node-decisions-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-03-node-chart.png`, fullPage: true });

  // The same figures from the agent node on the canvas.
  await page.goto(`/journeys/${journeyId}`);
  await node(page, "choose").click();
  const panel = page.getByRole("region", { name: "Decisions of this node" });
  await expect(panel.getByTestId("node-decisions-chart")).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByText(/^1 · 100%$/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-04-canvas-node-panel.png` });
});
