import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn } from "../fixtures/session";

test("a session cookie captured before sign-out is refused after it", async ({ page, baseURL }) => {
  const manager = DEMO_CREDENTIALS.manager;
  await signIn(page, manager.email, manager.password);
  await expectSignedIn(page);
  const cookieHeader = (await page.context().cookies())
    .filter((c) => c.name.includes("next-auth"))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  expect(cookieHeader).toContain("session-token");

  // Someone holding a copy of the cookie (another tab, a stolen copy) can use it while the session lasts.
  const thief = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader } });
  const before = await thief.get("/api/trpc/session.me");
  expect(before.status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // After sign-out the same cookie is worth nothing: the server ended the session, not only the browser.
  const after = await thief.get("/api/trpc/session.me");
  expect(after.status()).toBe(401);
  // next-auth's own endpoint agrees: no session for that cookie.
  const nextAuth = await thief.get("/api/auth/session");
  expect(await nextAuth.json()).toEqual({});
  const page2 = await thief.get("/dashboard", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(page2.status());
  expect(page2.headers().location).toContain("/sign-in");
  await thief.dispose();
});

/** The sign-in form's message (Next.js keeps an empty route announcer with role "alert" on every page). */
const formAlert = (page: Page) => page.locator("form").getByRole("alert");

test("repeated wrong passwords lock the account with a message saying how long", async ({ browser }) => {
  // An address of its own (the app reads X-Forwarded-For) so that this lockout touches no other test.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23" } });
  const page = await context.newPage();
  const email = `locked-${Date.now()}@example.test`;
  for (let i = 0; i < 4; i++) {
    await signIn(page, email, "not-the-password");
    await expect(formAlert(page)).toHaveText("Wrong email or password.");
  }
  await signIn(page, email, "not-the-password");
  await expect(formAlert(page)).toHaveText("Too many sign-in attempts. Try again in 1 minute.");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
