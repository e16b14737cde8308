import { optionStats, parseBanditState } from "@northstar/agent";
import { closeAttributionWindows, learnRewards, postgresPolicyStateStore } from "@northstar/core";
import { publishedJourney } from "@northstar/core/testing";
import type { TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerWithDecisions as createCustomerWithDecisions,
  createStepDatabase,
  type StepDatabase,
} from "../testing";
import { processEvents } from "./process-events";

/**
 * Objective events credit a customer's decisions through event processing (attribution.ts has the rule); windows
 * that close without an outcome reward 0; every reward reaches the learning policy once.
 */
describe("reward attribution", () => {
  let database: StepDatabase;
  let t: TestDatabase;
  afterAll(() => database?.close());
  let setup: Awaited<ReturnType<typeof publishedJourney>>;
  let n = 0;

  beforeAll(async () => {
    database = await createStepDatabase();
    t = database.t;
    setup = await publishedJourney(t.prisma);
  });

  const customerWithDecisions = (decisions: { stepId: string; daysAgo: number; edgeId?: string }[]) => {
    n += 1;
    return createCustomerWithDecisions(t.prisma, setup, `u${n}`, decisions);
  };

  async function track(userId: string, name: string) {
    n += 1;
    const event = await t.prisma.event.create({
      data: {
        workspaceId: setup.workspaceId,
        messageId: `m${n}`,
        type: "track",
        name,
        userId,
        timestamp: new Date(),
      },
    });
    await processEvents({ db: t.prisma }, database.withClient, [event.id]);
  }

  const rewards = async (ids: string[]) =>
    (await t.prisma.decision.findMany({ where: { id: { in: ids } }, orderBy: { seq: "asc" } })).map((d) => d.reward);

  it("credits the decisions in the window: the last in full, an earlier node's by its per-node share", async () => {
    const { customer, rows } = await customerWithDecisions([
      { stepId: "pick-channel", daysAgo: 3 },
      { stepId: "choose", daysAgo: 2 },
    ]);
    await track(customer.externalId as string, "purchase");
    expect(await rewards(rows.map((r) => r.id))).toEqual([0.5, 1]);
  });

  it("leaves a decision whose window closed to the closing job, which rewards it 0", async () => {
    const { customer, rows } = await customerWithDecisions([{ stepId: "choose", daysAgo: 20 }]);
    await track(customer.externalId as string, "purchase");
    expect(await rewards(rows.map((r) => r.id))).toEqual([null]);
    expect(await closeAttributionWindows(t.prisma)).toBeGreaterThanOrEqual(1);
    const closed = await t.prisma.decision.findUniqueOrThrow({ where: { id: rows[0]?.id } });
    expect(closed.reward).toBe(0);
    expect(closed.rewardedAt).not.toBeNull();
  });

  it("lowers the reward by the weight of a negative signal seen in the window", async () => {
    const { customer, rows } = await customerWithDecisions([{ stepId: "choose", daysAgo: 1 }]);
    await track(customer.externalId as string, "Unsubscribed");
    expect(await rewards(rows.map((r) => r.id))).toEqual([null]);
    await track(customer.externalId as string, "purchase");
    expect(await rewards(rows.map((r) => r.id))).toEqual([0.5]);
  });

  it("rewards each decision once and teaches the policy once, with the features it decided with", async () => {
    const { customer, rows } = await customerWithDecisions([{ stepId: "choose", daysAgo: 1, edgeId: "choose-sms" }]);
    await track(customer.externalId as string, "purchase");
    const first = await t.prisma.decision.findUniqueOrThrow({ where: { id: rows[0]?.id } });
    await track(customer.externalId as string, "Unsubscribed");
    await track(customer.externalId as string, "purchase");
    const again = await t.prisma.decision.findUniqueOrThrow({ where: { id: rows[0]?.id } });
    expect(again).toMatchObject({ reward: 1, penalty: 0, rewardedAt: first.rewardedAt });
    expect(await closeAttributionWindows(t.prisma)).toBe(0);

    const nodeKey = `${setup.journeyId}/choose`;
    await learnRewards(t.prisma);
    expect(await learnRewards(t.prisma)).toBe(0);
    const learned = await t.prisma.decision.findUniqueOrThrow({ where: { id: rows[0]?.id } });
    expect(learned.learnedAt).not.toBeNull();
    const stored = await postgresPolicyStateStore(t.prisma, setup.workspaceId).load(nodeKey);
    const state = parseBanditState(stored?.state);
    const [sms] = optionStats(state, ["choose-sms"]);
    expect(sms).toEqual({ edgeId: "choose-sms", decisions: 1, meanReward: 1 });
    expect(JSON.stringify(state)).toContain("plan=trial");
  });
});
