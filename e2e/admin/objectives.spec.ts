import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn } from "../fixtures/session";

test("an admin sets an objective and a frequency cap", async ({ page }) => {
  await signIn(page, DEMO_CREDENTIALS.admin.email, DEMO_CREDENTIALS.admin.password);
  await expectSignedIn(page);
  await page.goto("/admin");

  // A new objective: a sum needs the property it sums, and the server's schema says so under the field.
  await page.getByRole("button", { name: "New objective" }).click();
  const form = page.getByRole("form", { name: "Objective" });
  await form.getByLabel("Name").fill("Second-order revenue");
  await form.getByLabel("Metric event").fill("Order Completed");
  await form.getByLabel("Aggregation").selectOption("sum");
  await form.getByLabel("Attribution window (days)").fill("30");
  await form.getByLabel("Negative signals (one per line, event:weight)").fill("Unsubscribed:2");
  await form.getByRole("button", { name: "Create objective" }).click();
  await expect(form.getByText("is required when the metric sums a property")).toBeVisible();
  await form.getByLabel("Summed property").fill("revenue");
  await form.getByRole("button", { name: "Create objective" }).click();
  const objectives = page.getByRole("region", { name: "Objectives" });
  await expect(objectives.getByText("Second-order revenue")).toBeVisible();
  await expect(objectives.getByText(/Increase sum of “Order Completed” \(revenue\) within 30 days/)).toBeVisible();
  await expect(objectives.getByText(/penalised by Unsubscribed ×2/)).toBeVisible();

  // A frequency cap: an invalid value is caught by the guardrails schema in the browser, then saved.
  const guardrails = page.getByRole("form", { name: "Guardrails" });
  await guardrails.getByRole("button", { name: "Add cap" }).click();
  const cap = guardrails.getByTestId("cap-3");
  await cap.getByLabel("Channel").selectOption("email");
  await cap.getByLabel("At most (sends)").fill("0");
  await cap.getByLabel("Per window (hours)").fill("24");
  await guardrails.getByRole("button", { name: "Save guardrails" }).click();
  await expect(cap.getByRole("alert")).toContainText("1");
  await cap.getByLabel("At most (sends)").fill("1");
  await guardrails.getByRole("button", { name: "Save guardrails" }).click();
  await expect(guardrails.getByRole("status")).toHaveText("Guardrails saved");

  await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-objectives-guardrails.png`, fullPage: true });

  // Both survive a reload: they are stored, not just shown.
  await page.reload();
  await expect(page.getByRole("region", { name: "Objectives" }).getByText("Second-order revenue")).toBeVisible();
  await expect(
    page.getByRole("form", { name: "Guardrails" }).getByTestId("cap-3").getByLabel("Per window (hours)"),
  ).toHaveValue("24");
});
