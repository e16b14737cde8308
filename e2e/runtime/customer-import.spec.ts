import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";

test("a manager imports customers from a CSV and sees the rejected rows", async ({ page }) => {
  await signIn(page, DEMO_CREDENTIALS.manager.email, DEMO_CREDENTIALS.manager.password);
  await expectSignedIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(/\/customers$/);

  const stamp = Date.now();
  const csv = [
    "userId,email,timezone,consent_email,firstName",
    `csv-${stamp}-1,grace.${stamp}@example.test,Europe/London,yes,Grace`,
    `csv-${stamp}-2,not-an-email,,,Broken`,
    `csv-${stamp}-3,linus.${stamp}@example.test,,no,"Linus, the second"`,
  ].join("\n");
  const importer = page.getByRole("region", { name: "Import customers" });
  await importer.getByLabel("CSV file").setInputFiles({
    name: "customers.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await expect(importer.getByRole("status")).toContainText("Imported 2 of 3 rows; 1 rejected");
  const rejected = importer.getByRole("table", { name: "Rejected rows" });
  await expect(rejected.getByRole("row").filter({ hasText: "not-an-email" })).toContainText("3");
  await expect(rejected).toContainText("email");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runtime-04-customer-import.png`, fullPage: true });

  await page.getByLabel("Search customers").fill(`grace.${stamp}`);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Grace" }).click();
  const profile = page.getByRole("region", { name: "Profile" });
  await expect(profile).toContainText("Consent: email");
  await expect(page.getByText("time zone Europe/London")).toBeVisible();
});
