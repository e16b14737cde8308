import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { expectSignedIn, SCREENSHOT_DIR, signIn, switchUser } from "../fixtures/session";
import { agentJourney, publishJourney } from "./decision-journey";

test("an admin overrides a journey's guardrails, sees the server's field errors, and clears an override", async ({
  page,
}) => {
  await signIn(page, DEMO_CREDENTIALS.admin.email, DEMO_CREDENTIALS.admin.password);
  await expectSignedIn(page);
  const journeyId = await publishJourney(page, "E2E guarded offer", agentJourney("E2E Guarded", 0));

  await page.goto(`/journeys/${journeyId}`);
  await page.getByRole("link", { name: "Guardrails" }).click();
  await expect(page).toHaveURL(new RegExp(`/journeys/${journeyId}/guardrails$`));
  const form = page.getByRole("form", { name: "Journey guardrails" });
  const confidence = form.getByTestId("guardrail-minConfidence");
  await expect(confidence).toHaveAttribute("data-overridden", "false");

  // Out of range: the server's schema rejects it and names the field.
  await confidence.getByRole("button", { name: "Override Minimum agent confidence" }).click();
  await confidence.getByLabel("Minimum agent confidence for this journey").fill("1.5");
  await form.getByRole("button", { name: "Save overrides" }).click();
  await expect(confidence.getByRole("alert")).toContainText("1");
  await expect(form.getByRole("status")).toHaveText("Fix the highlighted fields");

  await confidence.getByLabel("Minimum agent confidence for this journey").fill("0.9");
  const discount = form.getByTestId("guardrail-maxDiscountPercent");
  await discount.getByRole("button", { name: "Override Maximum discount (%)" }).click();
  await discount.getByLabel("Maximum discount (%) for this journey").fill("10");
  const banned = form.getByTestId("guardrail-bannedPhrases");
  await banned.getByRole("button", { name: "Override Banned phrases" }).click();
  await banned.getByLabel("Banned phrases for this journey (one per line)").fill("free money\nact now");
  const quiet = form.getByTestId("guardrail-quietHours");
  await quiet.getByRole("button", { name: "Override Quiet hours" }).click();
  await quiet.getByLabel("From").fill("22:00");
  await form.getByRole("button", { name: "Save overrides" }).click();
  await expect(form.getByRole("status")).toHaveText("Overrides saved");
  await expect(confidence.getByTestId("effective-minConfidence")).toHaveText("90%");
  await expect(discount.getByTestId("effective-maxDiscountPercent")).toHaveText("10%");
  await expect(banned.getByTestId("effective-bannedPhrases")).toHaveText("free money, act now");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-01-journey-guardrails.png`, fullPage: true });

  // Stored, not just shown; clearing one override returns that field to the global value.
  await page.reload();
  await expect(confidence).toHaveAttribute("data-overridden", "true");
  await expect(quiet.getByTestId("effective-quietHours")).toHaveText("22:00–08:00, then send later");
  await discount.getByRole("button", { name: "Use global Maximum discount (%)" }).click();
  await form.getByRole("button", { name: "Save overrides" }).click();
  await expect(form.getByRole("status")).toHaveText("Overrides saved");
  await page.reload();
  await expect(discount).toHaveAttribute("data-overridden", "false");
  await expect(confidence).toHaveAttribute("data-overridden", "true");

  // A marketer reads the journey's guardrails but cannot change them.
  await switchUser(page, DEMO_CREDENTIALS.marketer);
  await page.goto(`/journeys/${journeyId}/guardrails`);
  await expect(form.getByTestId("effective-minConfidence")).toHaveText("90%");
  await expect(form.getByRole("button", { name: /^Override / })).toHaveCount(0);
  await expect(form.getByRole("button", { name: "Save overrides" })).toHaveCount(0);
});
