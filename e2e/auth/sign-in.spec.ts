import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";

const expectedNav = {
  ADMIN: ["Journeys", "Dashboard", "Review queue", "Customers", "Outbox", "Quarantine", "Write keys", "Admin"],
  MANAGER: ["Journeys", "Dashboard", "Review queue", "Customers", "Outbox", "Quarantine"],
  MARKETER: ["Journeys", "Review queue", "Customers", "Outbox"],
} as const;

for (const user of DEMO_USERS) {
  test(`${user.role.toLowerCase()} signs in and sees the navigation of that role`, async ({ page }) => {
    await signIn(page, user.email, user.password);
    await expectSignedIn(page);
    await expect(page).toHaveURL(/\/journeys$/);
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveText([...expectedNav[user.role]]);
    await expect(page.getByTestId("role-badge")).toHaveText(user.role);
    await expect(page.getByTestId("workspace-name")).toHaveText("Acme Retail");
  });
}

test("a marketer who opens the admin page directly gets a not-found page", async ({ page }) => {
  const marketer = DEMO_USERS.find((u) => u.role === "MARKETER")!;
  await signIn(page, marketer.email, marketer.password);
  await expectSignedIn(page);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
});

test("a wrong password shows an error and keeps the user signed out", async ({ page }) => {
  await signIn(page, "admin@northstar.local", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/journeys");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the signed-in shell looks like a product (screenshot)", async ({ page }) => {
  const admin = DEMO_USERS.find((u) => u.role === "ADMIN")!;
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await expect(page.getByText("Repeat purchase")).toBeVisible();
  // Styled, not raw HTML: the sidebar has the brand's dark background.
  const sidebarColor = await page.locator("aside").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(sidebarColor).not.toBe("rgba(0, 0, 0, 0)");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/shell-admin.png`, fullPage: true });
});

test("signing out ends the session", async ({ page }) => {
  const manager = DEMO_USERS.find((u) => u.role === "MANAGER")!;
  await signIn(page, manager.email, manager.password);
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in never redirects to another site", async ({ page }) => {
  const marketer = DEMO_USERS.find((u) => u.role === "MARKETER")!;
  await page.goto("/sign-in?callbackUrl=//evil.example/steal");
  await page.getByLabel("Email").fill(marketer.email);
  await page.getByLabel("Password").fill(marketer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/journeys$/);
});
