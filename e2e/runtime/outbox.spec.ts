import { expect, test } from "@playwright/test";
import { agentJourney } from "../decisions/decision-journey";
import { zoneAtNoon } from "../fixtures/time-zone";
import { trpcCall } from "../journeys/trpc-request";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";

const EVENT = "E2E Signed Up";

/** entry (on EVENT) -> agent chooses between two welcome emails (falling back to A) -> goal. */
const welcomeJourney = () =>
  agentJourney(EVENT, 0, {
    fallbackOptionEdgeId: "opt-a",
    email: (variant) => ({
      templateId: `e2e-welcome-${variant}`,
      subject: `Welcome aboard, {{firstName}} (${variant})`,
      body: `<h1>Hi {{firstName}}</h1><p>Variant ${variant}: your account is ready.</p><p><a href="https://shop.example.test/start?v=${variant}">Start shopping</a></p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
    }),
  });

test("a message produced by a published journey shows in the outbox after an event is sent", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO_CREDENTIALS.admin.email, DEMO_CREDENTIALS.admin.password);
  await expectSignedIn(page);

  // The admin creates a write key in the UI; its secret is shown once.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Write keys" }).click();
  await page.getByLabel("Name").fill("E2E sender");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("write-key-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^nswk_/);
  await expect(page.getByRole("list", { name: "Write keys" }).getByText("E2E sender")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runtime-01-write-key.png`, fullPage: true });

  // A journey is created and published through the same tRPC procedures the canvas uses.
  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", {}, "query");
  const objectiveId = objectives[0]?.id;
  expect(objectiveId).toBeTruthy();
  const journey = await trpcCall<{ id: string }>(
    page,
    "journey.create",
    { name: "E2E welcome", objectiveId, definition: welcomeJourney(), tags: [] },
    "mutation",
  );
  const versions = await trpcCall<{ id: string; number: number }[]>(
    page,
    "version.list",
    { journeyId: journey.id },
    "query",
  );
  const draft = versions.find((v) => v.number === 1);
  await trpcCall(page, "version.publish", { versionId: draft?.id }, "mutation");

  // An outside system sends a customer and the entry event over HTTP with the key (HTTP Basic, Segment style).
  const stamp = Date.now();
  const userId = `e2e-${stamp}`;
  const address = `ada.${stamp}@example.test`;
  const response = await request.post("/api/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` },
    data: {
      batch: [
        {
          type: "identify",
          userId,
          messageId: `${userId}-identify`,
          traits: { email: address, firstName: "Ada", consent: { email: true }, timezone: zoneAtNoon() },
        },
        { type: "track", userId, event: EVENT, messageId: `${userId}-signup`, properties: {} },
      ],
    },
  });
  expect(response.status()).toBe(200);

  // The worker enrolls, decides and renders the email into the outbox (no SMTP configured: stored).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  const messages = page.getByRole("table", { name: "Messages" });
  await expect(async () => {
    await page.goto("/outbox");
    await expect(messages.getByText(address)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const row = messages.getByRole("row").filter({ hasText: address });
  await expect(row).toContainText("email");
  await expect(row).toContainText(/Welcome aboard, Ada \((A|B)\)/);
  await expect(row).toContainText("stored");
  await row.getByRole("link", { name: address }).click();

  const preview = page.getByRole("region", { name: "Message preview" });
  await expect(preview).toContainText(address);
  // Written from the journey's versioned template (no model configured in the embedded default).
  await expect(preview).toContainText(/Written by\s*template:/);
  const body = page.frameLocator("iframe[title='Rendered email']");
  await expect(body.getByRole("heading", { name: "Hi Ada" })).toBeVisible();
  // Links are rewritten to tracked redirects of this app.
  await expect(body.getByRole("link", { name: "Start shopping" })).toHaveAttribute("href", /\/t\/c\//);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runtime-02-outbox.png`, fullPage: true });
  // Give a tracking pixel time to load if the preview let it (it must not: checked on the timeline below).
  await page.waitForTimeout(1_000);

  // The customer's timeline shows the entry, the agent's decision and the message.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByLabel("Search customers").fill(address);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Ada" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Entered E2E welcome")).toBeVisible();
  await expect(timeline.getByText(/Agent chose “Email (A|B)” in E2E welcome/)).toBeVisible();
  await expect(timeline.getByText(/Email “Welcome aboard, Ada/)).toBeVisible();
  // Previewing in the outbox is not the customer opening the email.
  await expect(timeline.getByText("Did “Email Opened”")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runtime-03-customer-timeline.png`, fullPage: true });
});
