import { expect, type Page, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn, switchUser } from "../fixtures/session";
import {
  createWriteKey,
  enterCustomers,
  journeyMessages,
  newCustomers,
  optionTotals,
  sendBatch,
} from "../decisions/decision-journey";
import { trpcCall } from "./trpc-request";
import { canvas, connect, dragFromPalette, node, nodes, shot } from "./canvas-helpers";

/**
 * The canvas story of issue 4: a marketer draws a journey from scratch around an agent decision, fixes what the
 * canvas flags, saves, reloads, undoes, lays it out and asks for publication; a manager approves; the published
 * version opens read-only. Screenshots of each stage land in e2e/screenshots/.
 */
test.describe.configure({ mode: "serial" });

const JOURNEY = `Spring welcome ${Date.now().toString(36)}`;
let journeyUrl = "";
let agentId = "";

async function fillInspector(page: Page, label: string, value: string) {
  const field = page.getByTestId(/node-inspector|edge-inspector/).getByLabel(label, { exact: true });
  await field.fill(value);
}

test("a marketer draws, fixes, saves and submits a journey", async ({ page }) => {
  test.setTimeout(240_000);
  const marketer = DEMO_CREDENTIALS.marketer;
  await signIn(page, marketer.email, marketer.password);
  await expectSignedIn(page);
  await expect(page.getByRole("heading", { name: "Journeys" })).toBeVisible();
  await shot(page, "01-journeys-list");

  // Objective first: nothing else can be chosen before it.
  await page.getByRole("button", { name: "New journey" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Continue" })).toBeDisabled();
  await dialog
    .locator("label", { has: page.locator('input[name="objective"]') })
    .first()
    .click();
  await shot(page, "02-new-journey-objective");
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByLabel("Journey name").fill(JOURNEY);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByText("Blank canvas", { exact: true }).click();
  await dialog.getByRole("button", { name: "Create journey" }).click();
  await page.waitForURL(/\/journeys\/[^/?]+$/);
  journeyUrl = page.url();
  await expect(page.getByTestId("objective-chip")).toContainText("Objective:");
  await expect(canvas(page)).toBeVisible();

  // Room for seven steps in the canvas area.
  await page.getByRole("button", { name: "Zoom Out" }).click();
  await page.getByRole("button", { name: "Zoom Out" }).click();
  const entry = await dragFromPalette(page, "entry", 200, 90);
  const agent = await dragFromPalette(page, "agent", 200, 200);
  agentId = agent;
  const email1 = await dragFromPalette(page, "message", 110, 330);
  const email2 = await dragFromPalette(page, "message", 330, 330);
  const email3 = await dragFromPalette(page, "message", 550, 330);
  const wait = await dragFromPalette(page, "wait", 330, 460);
  const goal = await dragFromPalette(page, "goal", 330, 570);
  await expect(nodes(page)).toHaveCount(7);

  // Connect with the mouse: the agent's three connections are its options.
  await connect(page, entry, agent);
  for (const m of [email1, email2, email3]) await connect(page, agent, m);
  for (const m of [email1, email2, email3]) await connect(page, m, wait);
  await connect(page, wait, goal);
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);
  for (const label of ["Option 1", "Option 2", "Option 3"])
    await expect(page.getByText(label, { exact: true })).toBeVisible();

  // The live compile flags what is missing: the entry event and the briefs' key messages.
  await expect(page.getByTestId(`node-badge-${entry}`)).toBeVisible();
  await expect(page.getByTestId(`node-badge-${email1}`)).toBeVisible();
  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByTestId("problem-item").first()).toBeVisible();
  await shot(page, "03-drawn-with-errors");

  // Clicking a problem selects its node.
  await page.locator(`[data-testid=problem-item][data-node-id="${entry}"]`).first().click();
  await expect(node(page, entry)).toHaveClass(/selected/);

  await page.getByRole("tab", { name: /Inspect/ }).click();
  await fillInspector(page, "Name", "Signed up");
  await fillInspector(page, "Event name", "signed_up");
  // Each remaining error is fixed from the problems list: a click selects and frames the message it names.
  const briefs = ["Show the product tour.", "Tell a customer story.", "A short setup nudge."];
  for (const brief of briefs) {
    await page.getByRole("tab", { name: /Problems/ }).click();
    const problem = page
      .locator(`[data-testid=problem-item][data-code=INVALID_CONFIG][data-node-id^="message-"]`)
      .first();
    const fixed = await problem.getAttribute("data-node-id");
    await problem.click();
    await expect(node(page, fixed as string)).toHaveClass(/selected/);
    await page.getByRole("tab", { name: /Inspect/ }).click();
    await fillInspector(page, "Key message", brief);
    // The live compile drops the problem once it has seen the edit.
    await page.getByRole("tab", { name: /Problems/ }).click();
    await expect(page.locator(`[data-testid=problem-item][data-node-id="${fixed}"]`)).toHaveCount(0);
  }
  await page.getByRole("button", { name: /Fit view/ }).click();
  // Options carry a description the agent reads.
  for (const [i, label] of ["Option 1", "Option 2", "Option 3"].entries()) {
    await page.getByText(label, { exact: true }).click();
    await page.getByRole("tab", { name: /Inspect/ }).click();
    await fillInspector(page, "Option label", ["Tour", "Story", "Nudge"][i] as string);
    await fillInspector(
      page,
      "What this option is for",
      `For customers who respond to a ${["tour", "story", "nudge"][i]}.`,
    );
  }
  await page.getByRole("tab", { name: /Problems/ }).click();
  await expect(page.getByTestId("problems-empty")).toContainText("No problems", { timeout: 15_000 });
  await expect(page.getByTestId(`node-badge-${entry}`)).toHaveCount(0);
  await shot(page, "04-errors-fixed");

  // Explicit save, then a reload shows everything as it was.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await expect(nodes(page)).toHaveCount(7);
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);
  for (const label of ["Tour", "Story", "Nudge"]) await expect(page.getByText(label, { exact: true })).toBeVisible();
  await expect(node(page, entry)).toContainText("Signed up");
  await shot(page, "05-reloaded");

  // Undo/redo of a delete, with the keyboard.
  await node(page, email3).click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Delete");
  await expect(nodes(page)).toHaveCount(6);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(nodes(page)).toHaveCount(7);
  await expect(page.locator(".react-flow__edge")).toHaveCount(8);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(nodes(page)).toHaveCount(6);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(nodes(page)).toHaveCount(7);
  await shot(page, "06-after-undo-redo");

  // Auto-layout moves steps, nothing else.
  const before = await node(page, goal).boundingBox();
  await page.getByRole("button", { name: /Auto-layout/ }).click();
  await expect.poll(async () => JSON.stringify(await node(page, goal).boundingBox())).not.toBe(JSON.stringify(before));
  await shot(page, "07-auto-layout");

  await page.getByRole("tab", { name: "Publish" }).click();
  await expect(page.getByTestId("compile-result")).toContainText("Ready to publish");
  await page.getByLabel("Note for the approver").fill("Ready for the spring campaign.");
  await page.getByRole("button", { name: "Request publication" }).click();
  await expect(page.getByTestId("version-banner")).toContainText("awaiting approval");
  await expect(page.getByTestId("save-status")).toHaveText("Read-only");
  await shot(page, "08-publication-requested");
});

test("a manager approves and publishes; the published version is read-only", async ({ page }) => {
  test.setTimeout(120_000);
  expect(journeyUrl).not.toBe("");
  const manager = DEMO_CREDENTIALS.manager;
  await signIn(page, manager.email, manager.password);
  await expectSignedIn(page);
  await page.getByRole("link", { name: JOURNEY }).click();
  await expect(page.getByTestId("version-banner")).toContainText("awaiting approval");
  await page.getByRole("tab", { name: "Publish" }).click();
  await expect(page.getByTestId("pending-requests")).toContainText("Ready for the spring campaign.");
  await shot(page, "09-manager-review");
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByTestId("version-banner")).toContainText("Read-only", { timeout: 15_000 });
  await shot(page, "10-published");

  // Read-only: no palette, no editing tools; the inspector shows disabled fields.
  await page.goto(journeyUrl);
  await expect(page.getByTestId("version-banner")).toContainText("Read-only");
  await expect(page.getByRole("complementary", { name: "Node palette" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
  const first = page.locator(".react-flow__node").first();
  await first.click();
  await page.getByRole("tab", { name: /Inspect/ }).click();
  await expect(page.getByTestId("node-inspector").getByLabel("Name", { exact: true })).toBeDisabled();
  await page.goto("/journeys");
  await expect(page.getByTestId("journey-row").filter({ hasText: JOURNEY })).toContainText("live");
  await page.goto(journeyUrl);
  await expect(page.getByTestId("version-banner")).toBeVisible();
  await shot(page, "11-read-only");

  // Version history: the live version compared with the canvas, then restored as a new, editable draft.
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-1")).toContainText("published");
  await page.getByTestId("version-1").getByRole("button", { name: "Diff vs draft" }).click();
  await expect(page.getByTestId("version-diff")).toContainText("No differences");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("version-1").getByRole("button", { name: "Restore as draft" }).click();
  await expect(page.getByRole("complementary", { name: "Node palette" })).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await page.getByRole("tab", { name: "Versions" }).click();
  await expect(page.getByTestId("version-2")).toContainText("draft");
  await shot(page, "12-restored-draft");
});

test("customers of the drawn journey, on its default agent settings, go through every option and reward each", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  expect(journeyUrl).not.toBe("");
  const journeyId = new URL(journeyUrl).pathname.split("/").pop() as string;
  await switchUser(page, DEMO_CREDENTIALS.admin);
  const secret = await createWriteKey(page, "Spring welcome traffic");
  const objectives = await trpcCall<{ id: string; metric: { event: string } }[]>(page, "objective.list", {}, "query");
  const journey = await trpcCall<{ objective: { id: string } }>(page, "journey.get", { journeyId }, "query");
  const conversion = objectives.find((o) => o.id === journey.objective.id)?.metric.event as string;

  const customers = newCustomers("spring", 45);
  await enterCustomers(request, secret, customers, "signed_up");
  // The entry's default holdout keeps a few out of every send and decision, to measure what the journey adds.
  let treated = 0;
  await expect(async () => {
    const uplift = await trpcCall<{
      overall: { treatedCounts: { customers: number }; holdoutCounts: { customers: number } };
    }>(page, "decisions.uplift", { journeyId }, "query");
    treated = uplift.overall.treatedCounts.customers;
    expect(treated + uplift.overall.holdoutCounts.customers).toBe(customers.length);
    const totals = await optionTotals(page, journeyId, agentId);
    expect(totals.reduce((sum, o) => sum + o.chosen, 0)).toBe(treated);
  }).toPass({ timeout: 90_000 });
  // Nothing is trapped in a fallback or sent to a person: every option gets customers, each is sent its email.
  for (const option of await optionTotals(page, journeyId, agentId))
    expect(option.chosen, option.label).toBeGreaterThanOrEqual(3);
  await expect(async () => {
    const sent = await journeyMessages(page, journeyId);
    expect(sent).toHaveLength(treated);
    expect(new Set(sent.map((m) => m.stepId)).size).toBe(3);
  }).toPass({ timeout: 60_000 });

  await sendBatch(
    request,
    secret,
    customers.map(({ userId }) => ({ type: "track", userId, event: conversion, messageId: `${userId}-won` })),
  );
  await expect(async () => {
    for (const option of await optionTotals(page, journeyId, agentId))
      expect(option.rewarded, option.label).toBe(option.chosen);
  }).toPass({ timeout: 90_000 });
  await page.goto(`/journeys/${journeyId}/decisions?step=${agentId}`);
  await expect(page.getByTestId("decision-summary")).toContainText("learning phase 100%");
  await shot(page, "13-drawn-journey-decisions");
});
