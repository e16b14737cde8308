import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, signIn } from "../fixtures/session";

const hostileCallbacks = [
  "%2F%09%2Fevil.example%2F",
  "%2F%0A%2Fevil.example%2F",
  "%2F%5Cevil.example",
  "https%3A%2F%2Fevil.example%2F",
];

for (const callback of hostileCallbacks) {
  test(`signing in with callbackUrl=${callback} lands on the app, not another site`, async ({ page }) => {
    const marketer = DEMO_CREDENTIALS.marketer;
    await page.goto(`/sign-in?callbackUrl=${callback}`);
    await page.getByLabel("Email").fill(marketer.email);
    await page.getByLabel("Password").fill(marketer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/journeys$/);
    await expectSignedIn(page);
  });
}

test("signing in with a same-site callbackUrl goes there", async ({ page }) => {
  const manager = DEMO_CREDENTIALS.manager;
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/outbox?status=SENT")}`);
  await page.getByLabel("Email").fill(manager.email);
  await page.getByLabel("Password").fill(manager.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/outbox\?status=SENT$/);
});

test("a workspace cookie naming someone else's workspace falls back to the user's own and is dropped", async ({
  page,
  baseURL,
}) => {
  const admin = DEMO_CREDENTIALS.admin;
  await signIn(page, admin.email, admin.password);
  await expectSignedIn(page);
  await page.context().addCookies([{ name: "northstar-workspace", value: "not-my-workspace", url: baseURL ?? "" }]);

  const response = await page.goto("/journeys");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("workspace-name")).toHaveText("Acme Retail");

  // The next tRPC request (the page's own, or this one) drops the cookie.
  const me = await page.request.get("/api/trpc/session.me");
  expect(me.status()).toBe(200);
  await expect
    .poll(async () => (await page.context().cookies()).some((c) => c.name === "northstar-workspace"))
    .toBe(false);
});

test("a customer search that is too long is a message on the form, not an error page", async ({ page }) => {
  const marketer = DEMO_CREDENTIALS.marketer;
  await signIn(page, marketer.email, marketer.password);
  await expectSignedIn(page);
  const response = await page.goto(`/customers?q=${"a".repeat(201)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Search is limited to 200 characters; shorten it and search again.",
  );
  const repeated = await page.goto("/customers?q=a&q=b&cursor=x&cursor=y");
  expect(repeated?.status()).toBe(200);
});
