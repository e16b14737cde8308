import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { SCREENSHOT_DIR, switchUser } from "../fixtures/session";
import { canvas, node } from "../journeys/canvas-helpers";
import { trpcCall } from "../journeys/trpc-request";
import {
  agentJourney,
  createWriteKey,
  enterCustomers,
  journeyMessages,
  newCustomers,
  optionTotals,
  publishJourney,
  sendBatch,
} from "./decision-journey";

const EVENT = "E2E Cold Start Entered";
const JOURNEY = "E2E cold start on defaults";
// The canvas's defaults for a new "agent decides" node (node-catalog.ts) and the seeded admin guardrails.
const DEFAULT_MIN_CONFIDENCE = 0.6;

/**
 * A new agent node on every default setting must explore, learn and then exploit from its first customer: the
 * simulation shows every option used and says the node is learning, and once published, real customers sent over the
 * HTTP API get messages through every option, and their conversions reward every option.
 */
test("an agent node on default settings sends through every option and every option earns rewards", async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  await switchUser(page, DEMO_CREDENTIALS.admin);
  const secret = await createWriteKey(page, "E2E cold start");
  const objectives = await trpcCall<{ metric: { event: string } }[]>(page, "objective.list", {}, "query");
  const conversion = objectives[0]?.metric.event as string;

  const definition = agentJourney(EVENT, DEFAULT_MIN_CONFIDENCE, {
    fallbackOptionEdgeId: "opt-a",
    variants: ["A", "B", "C"],
    sendNothing: true,
  });
  const journeyId = await publishJourney(page, JOURNEY, definition, async (id) => {
    // Before publishing, the marketer simulates the draft from its canvas.
    await page.goto(`/journeys/${id}`);
    await expect(canvas(page)).toBeVisible();
    // The inspector says what the minimum confidence does, in the gate's own words.
    await node(page, "choose").click();
    await expect(
      page.getByText(/Until every option has 30 outcomes the node is learning and its choices stand/),
    ).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-00-cold-start-inspector.png` });
    await page.getByRole("button", { name: /Simulate/ }).click();
    const dialog = page.getByRole("dialog", { name: "Simulate this journey" });
    await dialog.getByLabel("Population").selectOption("synthetic");
    await dialog.getByLabel("Customers (up to 100,000)").fill("3000");
    await dialog.getByRole("button", { name: "Run simulation" }).click();
    const summary = page.getByTestId("simulation-summary");
    await expect(summary).toBeVisible({ timeout: 120_000 });
    await expect(
      summary.getByTestId("simulation-finding").filter({ hasText: "was in its learning phase throughout" }),
    ).toBeVisible();
    for (const edge of ["opt-a", "opt-b", "opt-c", "opt-none"]) {
      const volume = page.getByTestId(`sim-edge-${edge}`);
      await expect(volume).toBeVisible();
      // A volume label such as "1.0k" or "987": every option carries simulated customers.
      expect(Number.parseFloat(((await volume.textContent()) ?? "").replace(/[^\d.]/g, ""))).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-00-cold-start-simulation.png` });
  });

  // Eighty real customers arrive over the Segment-spec API.
  const customers = newCustomers("cold", 80);
  await enterCustomers(request, secret, customers, EVENT);
  await expect(async () => {
    const totals = await optionTotals(page, journeyId, "choose");
    expect(totals.reduce((sum, o) => sum + o.chosen, 0)).toBe(customers.length);
  }).toPass({ timeout: 90_000 });
  const decided = await optionTotals(page, journeyId, "choose");
  // Every option got customers: nothing was trapped in the fallback; every option but "Send nothing" sent email.
  for (const option of decided) expect(option.chosen, option.label).toBeGreaterThanOrEqual(5);
  const emailed = decided.filter((o) => o.edgeId !== "opt-none").reduce((n, o) => n + o.chosen, 0);
  await expect(async () => {
    const mine = await journeyMessages(page, journeyId);
    expect(mine).toHaveLength(emailed);
    for (const step of ["email-a", "email-b", "email-c"])
      expect(
        mine.some((m) => m.stepId === step),
        step,
      ).toBe(true);
  }).toPass({ timeout: 60_000 });

  // They convert; every option's decisions are rewarded.
  await sendBatch(
    request,
    secret,
    customers.map(({ userId }) => ({
      type: "track",
      userId,
      event: conversion,
      messageId: `${userId}-converted`,
      properties: {},
    })),
  );
  await expect(async () => {
    const totals = await optionTotals(page, journeyId, "choose");
    for (const option of totals) expect(option.rewarded, option.label).toBe(option.chosen);
  }).toPass({ timeout: 90_000 });
  // ...and the learning policy takes every option's rewards in (a minutely job settles them).
  await expect(async () => {
    const totals = await optionTotals(page, journeyId, "choose");
    for (const option of totals) expect(option.learned, option.label).toBe(option.chosen);
  }).toPass({ timeout: 150_000 });

  // The decisions page says how the node decided, and how many messages "Send nothing" avoided.
  await page.goto(`/journeys/${journeyId}/decisions?step=choose`);
  const table = page.getByRole("table", { name: "Options over the period" });
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(table.getByRole("row").filter({ hasText: "Send nothing" })).toContainText("sends nothing");
  const silent = decided.find((o) => o.edgeId === "opt-none")?.chosen ?? 0;
  await expect(page.getByTestId("decision-summary")).toContainText(`learning phase 100%`);
  await expect(page.getByTestId("decision-summary")).toContainText(
    `${silent} message${silent === 1 ? "" : "s"} avoided`,
  );
  // What a manager needs to trust it: lift over the holdout (none here yet) and the alternatives evaluated offline.
  await expect(page.getByTestId("uplift-overall")).toContainText("No holdout customers yet");
  const alternatives = page.getByRole("table", { name: "Alternatives evaluated offline" });
  for (const name of ["current policy", "uniform random", "best single option", "always “Email A” (the fallback)"])
    await expect(alternatives.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-00-cold-start-decisions.png`, fullPage: true });
});
