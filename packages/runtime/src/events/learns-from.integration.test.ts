import { parseBanditState } from "@northstar/agent";
import { learnRewards, postgresPolicyStateStore } from "@northstar/core";
import { publishedJourney } from "@northstar/core/testing";
import type { TestDatabase } from "@northstar/db/testing";
import type { PlanStepOf } from "@northstar/journey";
import { agentNode, buildJourney } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStepDatabase, customerWithDecisions, type StepDatabase } from "../testing";
import { processEvents } from "./process-events";

const learnsFrom = { traits: ["plan", "lifetimeValue"], cuts: [{ trait: "lifetimeValue", at: [10_000, 100_000] }] };

/** A node that learns from chosen traits, cut where the marketer said, learns its rewards the same way. */
describe("an agent node's learnsFrom on the reward path", () => {
  let database: StepDatabase;
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof publishedJourney>>;
  afterAll(() => database?.close());

  beforeAll(async () => {
    database = await createStepDatabase();
    t = database.t;
    const base = buildJourney();
    const nodes = base.nodes.map((node) =>
      node.id === "choose"
        ? agentNode("choose", { fallbackOptionEdgeId: "choose-email", learnsFrom }, { position: node.position })
        : node,
    );
    setup = await publishedJourney(t.prisma, {}, { ...base, nodes });
  });

  it("compiles learnsFrom into the published plan", () => {
    const step = setup.plan.steps.find((s) => s.id === "choose") as PlanStepOf<"agent">;
    expect(step.decision.learnsFrom).toEqual(learnsFrom);
  });

  it("teaches the policy only the chosen traits, with the node's cuts", async () => {
    const { workspaceId, journeyId } = setup;
    for (const [i, lifetimeValue] of [2_500, 45_000, 1_250_000].entries()) {
      await customerWithDecisions(t.prisma, setup, `lf${i}`, [
        { stepId: "choose", daysAgo: 1, features: { plan: "trial", lifetimeValue, region: "eu" } },
      ]);
      const event = await t.prisma.event.create({
        data: {
          workspaceId,
          messageId: `lf-m${i}`,
          type: "track",
          name: "purchase",
          userId: `lf${i}`,
          timestamp: new Date(),
        },
      });
      await processEvents({ db: t.prisma }, database.withClient, [event.id]);
    }
    expect(await learnRewards(t.prisma)).toBe(3);

    const stored = await postgresPolicyStateStore(t.prisma, workspaceId).load(`${journeyId}/choose`);
    const state = parseBanditState(stored?.state);
    expect(state.units).toEqual(
      expect.arrayContaining(["plan=trial", "lifetimeValue<10000", "lifetimeValue>=10000", "lifetimeValue>=100000"]),
    );
    // Not chosen: never a unit. Cut by the node: never sampled for automatic cuts.
    expect(state.units.some((unit) => unit.startsWith("region"))).toBe(false);
    expect(state.traits.lifetimeValue).toBeUndefined();
  });
});
