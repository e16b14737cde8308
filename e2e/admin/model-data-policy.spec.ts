import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { SCREENSHOT_DIR, switchUser } from "../fixtures/session";
import { trpcCall } from "../journeys/trpc-request";

/** An admin decides what language models may see of customers: only listed traits, and the first name. */
test("an admin limits the customer data models see to listed traits", async ({ page }) => {
  await switchUser(page, DEMO_CREDENTIALS.admin);
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "What models may see" });
  // The default: every trait except personal data, no first name.
  await expect(form.getByRole("radio", { name: /Every trait except personal data/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /first name/ })).not.toBeChecked();

  await form.getByRole("radio", { name: /Only the traits listed/ }).check();
  await form.getByLabel("Traits models may see (one per line)").fill("plan\n loyaltyTier \n");
  await form.getByRole("checkbox", { name: /first name/ }).check();
  await form.getByRole("button", { name: "Save data policy" }).click();
  await expect(form.getByRole("status")).toHaveText("Data policy saved");
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-model-data-policy.png` });

  await page.reload();
  await expect(form.getByRole("radio", { name: /Only the traits listed/ })).toBeChecked();
  await expect(form.getByLabel("Traits models may see (one per line)")).toHaveValue("plan\nloyaltyTier");
  await expect(form.getByRole("checkbox", { name: /first name/ })).toBeChecked();
  expect(await trpcCall(page, "guardrails.modelDataPolicy", undefined, "query")).toEqual({
    traits: "allow_list",
    allow: ["plan", "loyaltyTier"],
    firstName: true,
  });

  // Back to the default, so other tests see the workspace as a newcomer does.
  await form.getByRole("radio", { name: /Every trait except personal data/ }).check();
  await form.getByRole("checkbox", { name: /first name/ }).uncheck();
  await form.getByRole("button", { name: "Save data policy" }).click();
  await expect(form.getByRole("status")).toHaveText("Data policy saved");

  // A marketer cannot change it.
  await switchUser(page, DEMO_CREDENTIALS.marketer);
  await expect(
    trpcCall(page, "guardrails.updateModelDataPolicy", { traits: "none", allow: [], firstName: false }, "mutation"),
  ).rejects.toThrow(/guardrails.updateModelDataPolicy failed/);
});
