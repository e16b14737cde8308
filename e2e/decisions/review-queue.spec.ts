import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { SCREENSHOT_DIR, switchUser } from "../fixtures/session";
import { node } from "../journeys/canvas-helpers";
import { trpcCall } from "../journeys/trpc-request";
import {
  agentJourney,
  createWriteKey,
  enterCustomers,
  newCustomers,
  openCustomer,
  optionTotals,
  publishJourney,
  sendBatch,
  sendEvent,
} from "./decision-journey";

const EVENT = "E2E Abandoned Cart";
// Unique per attempt: a retry must not find the review items of the attempt before it.
const JOURNEY = `E2E reviewed offer ${Date.now()}`;
const PURCHASE = "E2E Purchase";

test("a manager approves an unsure decision in the review queue; the customer's timeline explains it", async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  await switchUser(page, DEMO_CREDENTIALS.admin);
  const secret = await createWriteKey(page, "E2E review");
  // An objective summing order value: every purchase rewards its decision at once, a zero-value one with 0.
  const objective = await trpcCall<{ id: string }>(
    page,
    "objective.create",
    {
      name: `E2E order value ${Date.now()}`,
      metric: { event: PURCHASE, aggregation: "sum", property: "value", windowDays: 14, direction: "increase" },
    },
    "mutation",
  );
  // minConfidence 1 and no fallback: once the node has evidence, every choice it exploits waits for a person.
  const journeyId = await publishJourney(page, JOURNEY, agentJourney(EVENT, 1), undefined, objective.id);

  // The node learns from 100 customers, half of whom buy (the learning phase: their choices stand).
  const learners = newCustomers("learner", 100);
  await enterCustomers(request, secret, learners, EVENT);
  await expect(async () => {
    const totals = await optionTotals(page, journeyId, "choose");
    expect(totals.reduce((sum, o) => sum + o.chosen, 0)).toBe(learners.length);
  }).toPass({ timeout: 90_000 });
  await sendBatch(
    request,
    secret,
    learners.map(({ userId }, i) => ({
      type: "track",
      userId,
      event: PURCHASE,
      messageId: `${userId}-purchase`,
      properties: { value: i % 2 === 0 ? 100 : 0 },
    })),
  );
  // A minutely job feeds the rewards to the policy.
  await expect(async () => {
    const totals = await optionTotals(page, journeyId, "choose");
    expect(totals.reduce((sum, o) => sum + o.learned, 0)).toBe(learners.length);
  }).toPass({ timeout: 150_000 });

  // New customers, each with an address of its own initial (the queue masks the rest): a choice the agent exploits
  // is not sure enough, so that customer waits for a person; one it makes to explore goes ahead.
  const stamp = Date.now();
  const later = [..."abcdefghij"].map((initial) => ({
    userId: `later-${stamp}-${initial}`,
    email: `${initial}${stamp}@example.test`,
    firstName: `Lin${initial.toUpperCase()}`,
  }));
  await enterCustomers(request, secret, later, EVENT);

  // A marketer sees a waiting customer but cannot decide.
  await switchUser(page, DEMO_CREDENTIALS.marketer);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page).toHaveURL(/\/review$/);
  const queue = page.getByRole("list", { name: "Pending reviews" });
  const first = queue.getByTestId("review-item").filter({ hasText: JOURNEY }).first();
  await expect(async () => {
    await page.reload();
    await expect(first).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const initial = /([a-j])\*\*\*@example\.test/.exec((await first.textContent()) ?? "")?.[1];
  const waiting = later.find((c) => c.email.startsWith(`${initial}${stamp}`));
  if (!waiting) throw new Error("the review item names none of the new customers");
  const { email, firstName } = waiting;
  const item = queue
    .getByTestId("review-item")
    .filter({ hasText: JOURNEY })
    .filter({ hasText: `${initial}***@` });
  await expect(page.getByText("Read-only: a manager or an admin approves or rejects.")).toBeVisible();
  await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The manager sees why it stopped, what the agent proposed with its scores, and the SLA clock.
  await switchUser(page, DEMO_CREDENTIALS.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(item).toBeVisible();
  await expect(item).toContainText("Unsure decision");
  await expect(item).toContainText(`${initial}***@example.test`);
  await expect(item).toContainText(/below the minimum 100%, and no fallback: a person decides/);
  await expect(item.getByTestId("review-sla")).toHaveAttribute("data-sla", "ok");
  await expect(item.getByTestId("review-sla")).toContainText("of 24 h SLA");
  const proposed = item.getByRole("table", { name: "Proposed options" });
  await expect(proposed.getByRole("row")).toHaveCount(2);
  await expect(proposed.getByText("proposed", { exact: true })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-05-review-queue.png`, fullPage: true });

  // Edit then approve: the manager takes the option the agent did not propose.
  const proposedLabel = (await proposed.getByRole("row").filter({ hasText: "proposed" }).textContent()) ?? "";
  const picked = proposedLabel.includes("Email A") ? "B" : "A";
  await item.getByRole("button", { name: "Choose another option" }).click();
  await item.getByRole("radio", { name: new RegExp(`Email ${picked}`) }).check();
  await item.getByRole("button", { name: "Approve this option" }).click();
  await expect(item).toHaveCount(0);

  // The customer resumes down the approved branch; the timeline shows the decision with its explanation.
  await openCustomer(page, email, firstName);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(async () => {
    await page.reload();
    await expect(timeline.getByText(`Email “An offer for you, ${firstName} (${picked})”`)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  // The reviewer overruled the agent: the timeline names both.
  const agentsPick = picked === "A" ? "B" : "A";
  await expect(
    timeline.getByText(`Agent proposed “Email ${agentsPick}”; reviewer chose “Email ${picked}” in ${JOURNEY}`),
  ).toBeVisible();
  const explanation = timeline.getByTestId("decision-explanation");
  await expect(explanation.getByText("unsure: asked a person")).toBeVisible();
  await expect(explanation.getByText(/^(explore|exploit)$/)).toBeVisible();
  await expect(explanation.getByText(/^policy: /)).toBeVisible();
  await expect(explanation.getByTestId("decision-rationale")).not.toBeEmpty();
  await expect(explanation.getByRole("table", { name: "Options considered" }).getByRole("row")).toHaveCount(2);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-06-customer-timeline-reviewed.png`, fullPage: true });

  // From the agent node on the canvas to its decisions over time.
  await page.goto(`/journeys/${journeyId}`);
  await node(page, "choose").click();
  const panel = page.getByRole("region", { name: "Decisions of this node" });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId("node-decisions-chart")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-07-canvas-node-panel-reviewed.png` });
  await panel.getByRole("link", { name: "Open decisions" }).click();
  await expect(page).toHaveURL(new RegExp(`/journeys/${journeyId}/decisions\\?step=choose$`));
  const options = page.getByRole("table", { name: "Options over the period" });
  await expect(options.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("region", { name: "Agent node decisions" })).toContainText(/\d+ decisions in 30 days/);
  await expect(page.getByTestId("node-decisions-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-08-node-chart-reviewed.png`, fullPage: true });
});

test("a manager edits a held message until it passes its guardrails, then approves it", async ({ page, request }) => {
  test.setTimeout(180_000);
  const event = "E2E Wishlist Shared";
  const journey = "E2E held offer";
  await switchUser(page, DEMO_CREDENTIALS.admin);
  const secret = await createWriteKey(page, "E2E held");
  // The journey bans a phrase its own message uses: every rendered message is held for a human.
  const journeyId = await publishJourney(page, journey, agentJourney(event, 0), async (id) => {
    await page.goto(`/journeys/${id}/guardrails`);
    const banned = page.getByTestId("guardrail-bannedPhrases");
    await banned.getByRole("button", { name: "Override Banned phrases" }).click();
    await banned.getByLabel("Banned phrases for this journey (one per line)").fill("our offer");
    await page.getByRole("button", { name: "Save overrides" }).click();
    await expect(page.getByRole("status")).toHaveText("Overrides saved");
  });
  expect(journeyId).toBeTruthy();
  const stamp = Date.now();
  const email = `noor.${stamp}@example.test`;
  await sendEvent(request, secret, { userId: `e2e-${stamp}`, email, firstName: "Noor" }, event);

  await switchUser(page, DEMO_CREDENTIALS.manager);
  await page.goto("/review");
  const item = page
    .getByRole("list", { name: "Pending reviews" })
    .getByTestId("review-item")
    .filter({ hasText: journey });
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(item).toContainText("Held message");
  await expect(item.getByRole("list", { name: "Guardrails that stopped it" })).toContainText("BANNED_PHRASE");
  await expect(item.getByRole("region", { name: "Held message" })).toContainText("of our offer");

  // As written it cannot be approved: the reason shows beside the buttons.
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(item.getByRole("alert").first()).toContainText("our offer");

  // An edit that still breaks the guardrail is refused, with the reason under the field that breaks it.
  await item.getByRole("button", { name: "Edit then approve" }).click();
  await item.getByLabel("Subject").fill("Still our offer, Noor");
  await item.getByRole("button", { name: "Approve edited message" }).click();
  await expect(item.getByRole("alert").first()).toContainText("our offer");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-09-review-edit-refused.png`, fullPage: true });

  await item.getByLabel("Subject").fill("A treat for you, Noor");
  await item
    .getByLabel("Body")
    .fill('<p>Hi Noor, a treat picked for you.</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>');
  await item.getByRole("button", { name: "Approve edited message" }).click();
  await expect(item).toHaveCount(0);

  // The customer resumes and gets the edited message.
  await openCustomer(page, email, "Noor");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(async () => {
    await page.reload();
    await expect(timeline.getByText("Email “A treat for you, Noor”")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  // The guardrail that held the first rendering is on the timeline with its reason.
  await expect(
    timeline.getByText(new RegExp(`Guardrail held for review email at .* in ${journey}: BANNED_PHRASE`)),
  ).toBeVisible();
  await expect(timeline.getByText('Uses the banned phrase "our offer".')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-10-timeline-guardrail-block.png`, fullPage: true });
});
