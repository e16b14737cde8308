import { type ConsoleMessage, expect, type Page, test } from "@playwright/test";
import { agentJourney } from "../decisions/decision-journey";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn } from "../fixtures/session";
import { trpcCall } from "../journeys/trpc-request";

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("every kind of response carries the security headers, with a new script nonce per page", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  expectSecurityHeaders(first.headers());
  const nonce = nonceOf(first.headers()["content-security-policy"]);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
  // The page's own scripts carry that nonce; none runs without it.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // tRPC, the tracking pixel (which must keep answering an image) and a not-found page.
  const api = await request.get("/api/trpc/session.me");
  expect(api.status()).toBe(401);
  expectSecurityHeaders(api.headers());
  const pixel = await request.get("/t/o/not-a-real-token");
  expect(pixel.status()).toBe(200);
  expect(pixel.headers()["content-type"]).toBe("image/gif");
  expectSecurityHeaders(pixel.headers());
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers());
});

/** Collects CSP violations the page reports, from the console and from securitypolicyviolation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("the main pages run under the policy without a single violation", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  const admin = DEMO_CREDENTIALS.admin;
  await signIn(page, admin.email, admin.password);
  await expectSignedIn(page);

  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", {}, "query");
  const journey = await trpcCall<{ id: string }>(
    page,
    "journey.create",
    {
      name: `CSP canvas ${Date.now()}`,
      objectiveId: objectives[0]?.id,
      definition: agentJourney("CSP Checked", 0),
      tags: [],
    },
    "mutation",
  );

  await page.goto(`/journeys/${journey.id}`);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  // Interaction runs client code paths too: select a node, which opens the inspector.
  await page.locator(".react-flow__node").first().click();

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto("/journeys");
  await expect(page.getByRole("heading", { level: 1, name: "Journeys" })).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await page.goto("/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  // Hydrated, so the framework's scripts ran: client navigation works.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journeys" }).click();
  await expect(page).toHaveURL(/\/journeys$/);

  // The outbox preview's own, stricter policy blocks the open-tracking pixel on purpose (looking at a message must not
  // count as an open); that refusal is the preview working, not the app's policy getting in the way.
  const previewPixel =
    /Loading the image '[^']*\/t\/o\/[^']*' violates the following Content Security Policy directive: "img-src data:"/;
  expect(violations.filter((v) => !previewPixel.test(v))).toEqual([]);
});

test("the app refuses to be framed by another page", async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("frame-ancestors")) refusals.push(m.text());
  });
  await page.setContent(`<iframe src="${baseURL}/sign-in" width="800" height="600"></iframe>`);
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  expect(page.frames().some((f) => f.url().includes("/sign-in") && f !== page.mainFrame())).toBe(false);
});
