import { expect, test } from "@playwright/test";
import { DEMO_CREDENTIALS } from "../fixtures/demo-users";
import { SCREENSHOT_DIR, switchUser } from "../fixtures/session";
import { canvas, node } from "../journeys/canvas-helpers";
import { trpcCall } from "../journeys/trpc-request";
import { agentJourney, createWriteKey, newCustomers, sendBatch } from "./decision-journey";

/**
 * A marketer chooses, in the inspector, which traits an agent node learns from and where a raw number is cut: the
 * list comes from the traits real customers sent, personal traits are named as left out, a wrong cut is refused in
 * place, and the choice is saved with the journey and compiled into its plan.
 */
test("the inspector sets the traits an agent node learns from and a number's cut points", async ({ page, request }) => {
  test.setTimeout(180_000);
  await switchUser(page, DEMO_CREDENTIALS.admin);
  const secret = await createWriteKey(page, "E2E learns from");
  const customers = newCustomers("traits", 30);
  await sendBatch(
    request,
    secret,
    customers.map(({ userId }, i) => ({
      type: "identify",
      userId,
      messageId: `${userId}-identify`,
      traits: { e2eLifetimeCents: i * 40_000, e2eTier: i % 3 ? "silver" : "gold", phoneNumber: `+1555000${i}` },
    })),
  );

  const objectives = await trpcCall<{ id: string }[]>(page, "objective.list", {}, "query");
  const journey = await trpcCall<{ id: string }>(
    page,
    "journey.create",
    {
      name: `E2E learns from ${Date.now()}`,
      objectiveId: objectives[0]?.id,
      definition: agentJourney("E2E Learns From Entered", 0.6, { fallbackOptionEdgeId: "opt-a" }),
      tags: [],
    },
    "mutation",
  );
  await page.goto(`/journeys/${journey.id}`);
  await expect(canvas(page)).toBeVisible();
  await node(page, "choose").click();

  const learnsFrom = page.getByRole("group", { name: "Learns from" });
  await expect(learnsFrom).toBeVisible();
  // By default every trait, cut automatically; the personal trait is named as never learned from.
  await expect(learnsFrom.getByRole("radio", { name: "Every trait" })).toBeChecked();
  await expect(learnsFrom.getByText(/number · 0 to 1,160,000/)).toBeVisible();
  await expect(learnsFrom.getByText(/Never learned from \(personal data\):.*phoneNumber/)).toBeVisible();

  await learnsFrom.getByRole("radio", { name: "Chosen traits" }).click();
  await learnsFrom.getByRole("checkbox", { name: /^e2eTier/ }).uncheck();
  const cuts = learnsFrom.getByLabel("Cut points for e2eLifetimeCents");
  // Out of order: refused in place, naming the problem.
  await cuts.fill("100000, 10000");
  await expect(learnsFrom.getByRole("alert")).toContainText("must be in increasing order");
  await cuts.fill("10000, 100000");
  await expect(learnsFrom.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("✓ Configuration is valid")).toBeVisible();
  await learnsFrom.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-11-learns-from.png` });

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await node(page, "choose").click();
  await expect(learnsFrom.getByRole("radio", { name: "Chosen traits" })).toBeChecked();
  await expect(learnsFrom.getByRole("checkbox", { name: /^e2eTier/ })).not.toBeChecked();
  await expect(learnsFrom.getByRole("checkbox", { name: /^e2eLifetimeCents/ })).toBeChecked();
  await expect(cuts).toHaveValue("10000, 100000");
  await page.setViewportSize({ width: 1024, height: 700 });
  await learnsFrom.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/decisions-12-learns-from-small.png` });

  // The saved draft compiles with the setting in the agent step of its plan.
  const versions = await trpcCall<{ id: string; number: number }[]>(
    page,
    "version.list",
    { journeyId: journey.id },
    "query",
  );
  const compiled = await trpcCall<{ plan: { steps: { id: string; decision?: { learnsFrom?: unknown } }[] } | null }>(
    page,
    "version.compile",
    { versionId: versions.sort((a, b) => b.number - a.number)[0]?.id },
    "query",
  );
  const step = compiled.plan?.steps.find((s) => s.id === "choose");
  expect(step?.decision?.learnsFrom).toMatchObject({
    traits: expect.arrayContaining(["e2eLifetimeCents"]),
    cuts: [{ trait: "e2eLifetimeCents", at: [10_000, 100_000] }],
  });
  expect((step?.decision?.learnsFrom as { traits?: string[] } | undefined)?.traits ?? []).not.toContain("e2eTier");
});
