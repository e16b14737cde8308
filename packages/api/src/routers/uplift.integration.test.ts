import { createTestDatabase, createUser, type TestDatabase } from "@northstar/db/testing";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const DAY = 86_400_000;

/** The decisions page's trust figures: treated against holdout, and what the alternatives would have earned. */
describe("uplift and offline evaluation", () => {
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let marketer: { id: string };
  let journeyId: string;
  const now = new Date();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);

  beforeAll(async () => {
    t = await createTestDatabase();
    setup = await runtimeWorkspace(t.prisma, "purchase");
    marketer = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MARKETER" });
    const published = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome");
    journeyId = published.journeyId;
    const workspaceId = setup.workspace.id;
    // 40 treated customers (20 buy within the window, each decided for by the agent) and 10 held out (2 buy in the
    // window, a third only after it closed).
    for (let i = 0; i < 50; i++) {
      const holdout = i >= 40;
      const customer = await t.prisma.customer.create({ data: { workspaceId, externalId: `c${i}` } });
      const enteredAt = at(10);
      const enrollment = await t.prisma.enrollment.create({
        data: {
          workspaceId,
          journeyId,
          versionId: published.versionId,
          customerId: customer.id,
          currentStepId: "goal",
          state: "COMPLETED",
          holdout,
          enteredAt,
        },
      });
      const buys = holdout ? i < 42 : i % 2 === 0;
      const late = i === 42;
      if (buys || late) {
        await t.prisma.event.create({
          data: {
            workspaceId,
            messageId: `buy-${i}`,
            type: "track",
            name: "purchase",
            customerId: customer.id,
            timestamp: new Date(enteredAt.getTime() + (late ? 20 : 1) * DAY),
          },
        });
      }
      if (!holdout) {
        // A logged uniform choice between two options: "opt-a" converts, "opt-b" does not.
        const chosen = i % 4 < 2 ? "opt-a" : "opt-b";
        await t.prisma.decision.create({
          data: {
            workspaceId,
            enrollmentId: enrollment.id,
            journeyId,
            versionId: published.versionId,
            stepId: "choose",
            seq: 1,
            customerId: customer.id,
            policy: "learning",
            phase: "learning",
            propensity: 0.5,
            candidates: [
              { edgeId: "opt-a", label: "Email A" },
              { edgeId: "opt-b", label: "Email B" },
            ],
            scores: {},
            chosenEdgeId: chosen,
            explore: true,
            confidence: 0.5,
            rationale: "",
            reward: chosen === "opt-a" ? 1 : 0,
            rewardedAt: at(9),
            createdAt: enteredAt,
          },
        });
      }
    }
  });
  afterAll(() => t?.drop());

  it("compares treated customers with the holdout, with 95% intervals, counting only conversions in the window", async () => {
    const uplift = await callerFor(t.prisma, marketer.id).decisions.uplift({ journeyId });
    expect(uplift.overall.treatedCounts).toEqual({ customers: 40, conversions: 20 });
    expect(uplift.overall.holdoutCounts).toEqual({ customers: 10, conversions: 2 });
    expect(uplift.overall.lift).toBeCloseTo(0.3, 10);
    expect(uplift.overall.low).toBeLessThan(0.3);
    expect(uplift.overall.high).toBeGreaterThan(0.3);
    expect(uplift.overall.treated.low).toBeLessThan(0.5);
    expect(uplift.weeks.length).toBeGreaterThanOrEqual(1);
    expect(uplift.weeks.reduce((n, w) => n + w.treatedCounts.customers, 0)).toBe(40);
    const node = await callerFor(t.prisma, marketer.id).decisions.uplift({ journeyId, stepId: "choose" });
    expect(node.overall.treatedCounts.customers).toBe(40);
  });

  it("estimates what the alternatives would have earned from the logged propensities", async () => {
    const evaluation = await callerFor(t.prisma, marketer.id).decisions.offlineEvaluation({
      journeyId,
      stepId: "choose",
    });
    expect(evaluation.decisions).toBe(40);
    const byName = new Map(evaluation.targets.map((target) => [target.target, target]));
    expect(byName.get("current policy")?.snips.value).toBeCloseTo(0.5, 5);
    expect(byName.get("uniform random")?.snips.value).toBeCloseTo(0.5, 5);
    const best = byName.get("best single option");
    expect(best?.dr.value).toBeGreaterThan(0.9);
    expect(best?.dr.low).toBeLessThanOrEqual(best?.dr.value as number);
  });

  it("keeps other workspaces out", async () => {
    const other = await runtimeWorkspace(t.prisma);
    const outsider = callerFor(t.prisma, other.admin.id);
    await expect(outsider.decisions.uplift({ journeyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.decisions.offlineEvaluation({ journeyId, stepId: "choose" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
