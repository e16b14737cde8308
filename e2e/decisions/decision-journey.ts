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
  options: {
    fallbackOptionEdgeId?: string;
    email?: (variant: string) => EmailVariant;
    variants?: string[];
    /** Adds a "Send nothing" option that leads straight out of the journey. */
    sendNothing?: boolean;
  } = {},
) {
  const content = options.email ?? offerEmail;
  const variants = options.variants ?? ["A", "B"];
  const email = (id: string, variant: string) => ({
    id,
    kind: "message",
    position: { x: 320, y: variants.indexOf(variant) * 200 },
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
      ...variants.map((v) => email(`email-${v.toLowerCase()}`, v)),
      { id: "goal", kind: "goal", position: { x: 480, y: 100 }, config: {} },
      ...(options.sendNothing
        ? [{ id: "rest", kind: "exit", position: { x: 320, y: variants.length * 200 }, config: { reason: "explicit" } }]
        : []),
    ],
    edges: [
      { id: "entry-choose", source: "entry", target: "choose" },
      ...variants.map((v) => ({
        id: `opt-${v.toLowerCase()}`,
        source: "choose",
        target: `email-${v.toLowerCase()}`,
        option: option(`Email ${v}`),
      })),
      ...variants.map((v) => ({ id: `${v.toLowerCase()}-goal`, source: `email-${v.toLowerCase()}`, target: "goal" })),
      ...(options.sendNothing
        ? [
            {
              id: "opt-none",
              source: "choose",
              target: "rest",
              option: { label: "Send nothing", description: "Leave the customer be.", eligibility: [] },
            },
          ]
        : []),
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
  objective?: string,
): Promise<string> {
  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", {}, "query");
  const objectiveId = objective ?? objectives[0]?.id;
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

export interface E2eCustomer {
  userId: string;
  email: string;
  firstName: string;
}

/** `count` new customers, each with a unique id and address. */
export function newCustomers(prefix: string, count: number): E2eCustomer[] {
  const stamp = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    userId: `${prefix}-${stamp}-${i}`,
    email: `${prefix}.${stamp}.${i}@example.test`,
    firstName: `Customer ${i}`,
  }));
}

/** Sends Segment-style batches (as a CDP would) of at most 100 messages each; every message must be accepted. */
export async function sendBatch(request: APIRequestContext, secret: string, messages: Record<string, unknown>[]) {
  for (let start = 0; start < messages.length; start += 100) {
    const response = await request.post("/api/v1/batch", {
      headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` },
      data: { batch: messages.slice(start, start + 100) },
    });
    expect(response.status()).toBe(200);
  }
}

/** Identifies each customer (consenting to email, at noon) and tracks `event` for each: they enter the journey. */
export async function enterCustomers(
  request: APIRequestContext,
  secret: string,
  customers: E2eCustomer[],
  event: string,
) {
  await sendBatch(
    request,
    secret,
    customers.flatMap(({ userId, email, firstName }) => [
      {
        type: "identify",
        userId,
        messageId: `${userId}-identify`,
        traits: { email, firstName, consent: { email: true }, timezone: zoneAtNoon() },
      },
      { type: "track", userId, event, messageId: `${userId}-${event}`, properties: {} },
    ]),
  );
}

export interface OptionTotals {
  edgeId: string;
  label: string;
  chosen: number;
  rewarded: number;
  learned: number;
  rewardSum: number;
}

/** An agent node's decisions and rewards per option, as its decisions page reads them. */
export async function optionTotals(page: Page, journeyId: string, stepId: string): Promise<OptionTotals[]> {
  const stats = await trpcCall<{ options: OptionTotals[] }>(
    page,
    "decisions.nodeStats",
    { journeyId, stepId, days: 7 },
    "query",
  );
  return stats.options;
}

/** The latest messages of the workspace's outbox that `journeyId` sent. */
export async function journeyMessages(page: Page, journeyId: string) {
  const outbox = await trpcCall<{ items: { journeyId: string | null; stepId: string | null }[] }>(
    page,
    "outbox.list",
    { limit: 200 },
    "query",
  );
  return outbox.items.filter((m) => m.journeyId === journeyId);
}

/** Opens a customer's page from the Customers search. */
export async function openCustomer(page: Page, email: string, name: string) {
  await page.goto("/customers");
  await page.getByLabel("Search customers").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
}
