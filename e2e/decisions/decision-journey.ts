import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { zoneAtNoon } from "../fixtures/time-zone";
import { trpcCall } from "../journeys/trpc-request";

export interface EmailVariant {
  templateId: string;
  subject: string;
  body: string;
}

const offerEmail = (variant: string): EmailVariant => ({
  templateId: `e2e-offer-${variant}`,
  subject: `An offer for you, {{firstName}} (${variant})`,
  body: `<p>Hi {{firstName}}, variant ${variant} of our offer.</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
});

/**
 * entry (on `event`) -> agent chooses between two emails -> goal. With `minConfidence: 1` and no fallback, no policy
 * is ever sure enough, so every decision waits for a human in the review queue.
 */
export function agentJourney(
  event: string,
  minConfidence: number,
  options: { fallbackOptionEdgeId?: string; email?: (variant: string) => EmailVariant } = {},
) {
  const content = options.email ?? offerEmail;
  const email = (id: string, variant: string) => ({
    id,
    kind: "message",
    position: { x: 320, y: variant === "A" ? 0 : 200 },
    config: {
      channel: "email",
      purpose: "marketing",
      content: {
        mode: "template",
        ...content(variant),
        version: 1,
        variables: { firstName: "customer.firstName" },
      },
    },
  });
  const option = (label: string) => ({ label, description: `Send ${label}.`, eligibility: [] });
  return {
    formatVersion: 1,
    nodes: [
      {
        id: "entry",
        kind: "entry",
        position: { x: 0, y: 100 },
        config: { trigger: { type: "event", event, filters: [] }, reentry: "never", holdoutShare: 0 },
      },
      {
        id: "choose",
        kind: "agent",
        position: { x: 160, y: 100 },
        config: {
          decides: "path",
          policy: "learning",
          exploration: 0.1,
          minConfidence,
          ...(options.fallbackOptionEdgeId ? { fallbackOptionEdgeId: options.fallbackOptionEdgeId } : {}),
        },
      },
      email("email-a", "A"),
      email("email-b", "B"),
      { id: "goal", kind: "goal", position: { x: 480, y: 100 }, config: {} },
    ],
    edges: [
      { id: "entry-choose", source: "entry", target: "choose" },
      { id: "opt-a", source: "choose", target: "email-a", option: option("Email A") },
      { id: "opt-b", source: "choose", target: "email-b", option: option("Email B") },
      { id: "a-goal", source: "email-a", target: "goal" },
      { id: "b-goal", source: "email-b", target: "goal" },
    ],
  };
}

/**
 * Creates and publishes a journey through the procedures the canvas uses; returns its id. `beforePublish` runs on the
 * draft (guardrail overrides apply from the next published version).
 */
export async function publishJourney(
  page: Page,
  name: string,
  definition: unknown,
  beforePublish?: (journeyId: string) => Promise<void>,
): Promise<string> {
  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", {}, "query");
  const objectiveId = objectives[0]?.id;
  expect(objectiveId).toBeTruthy();
  const journey = await trpcCall<{ id: string }>(
    page,
    "journey.create",
    { name, objectiveId, definition, tags: [] },
    "mutation",
  );
  await beforePublish?.(journey.id);
  const versions = await trpcCall<{ id: string; number: number }[]>(
    page,
    "version.list",
    { journeyId: journey.id },
    "query",
  );
  await trpcCall(page, "version.publish", { versionId: versions.find((v) => v.number === 1)?.id }, "mutation");
  return journey.id;
}

/** Creates a write key in the Write keys page and returns its secret (shown once). */
export async function createWriteKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/write-keys");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("write-key-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^nswk_/);
  return secret;
}

/**
 * Sends a customer and `event` over the HTTP ingestion API, Segment style. The customer lives where it is about noon,
 * so quiet hours never hold the send.
 */
export async function sendEvent(
  request: APIRequestContext,
  secret: string,
  customer: { userId: string; email: string; firstName: string },
  event: string,
) {
  const { userId, email, firstName } = customer;
  const response = await request.post("/api/v1/batch", {
    headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` },
    data: {
      batch: [
        {
          type: "identify",
          userId,
          messageId: `${userId}-identify`,
          traits: { email, firstName, consent: { email: true }, timezone: zoneAtNoon() },
        },
        { type: "track", userId, event, messageId: `${userId}-${event}`, properties: {} },
      ],
    },
  });
  expect(response.status()).toBe(200);
}

/** Opens a customer's page from the Customers search. */
export async function openCustomer(page: Page, email: string, name: string) {
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
}
