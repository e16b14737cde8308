import { learnRewards } from "@northstar/core";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

/** The inspector's "Learns from" list: the workspace's traits as an agent node sees them, and what it learned. */
describe("decisions.learnableTraits", () => {
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let marketer: { id: string };
  let journeyId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    setup = await runtimeWorkspace(t.prisma, "purchase");
    marketer = await createUser(t.prisma, { workspaceId: setup.workspace.id, role: "MARKETER" });
    const published = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome");
    journeyId = published.journeyId;
    const workspaceId = setup.workspace.id;
    for (let i = 0; i < 40; i++) {
      await t.prisma.customer.create({
        data: {
          workspaceId,
          externalId: `c${i}`,
          timeZone: "Europe/Paris",
          traits: {
            plan: i % 4 === 0 ? "pro" : "free",
            lifetimeValue: i * 25_000,
            ...(i % 2 === 0 ? { vip: i % 3 === 0 } : {}),
            phoneNumber: `+33 6 00 00 00 ${String(i).padStart(2, "0")}`,
            preferences: { channel: "sms" },
            constructor: "hostile",
          },
        },
      });
    }
    // The node learned from 120 rewarded decisions: enough lifetime values to fix its automatic cuts.
    const customer = await t.prisma.customer.findFirstOrThrow({ where: { workspaceId } });
    const enrollment = await t.prisma.enrollment.create({
      data: { workspaceId, journeyId, versionId: published.versionId, customerId: customer.id, currentStepId: "goal" },
    });
    const now = new Date();
    await t.prisma.decision.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        workspaceId,
        enrollmentId: enrollment.id,
        journeyId,
        versionId: published.versionId,
        stepId: "choose",
        seq: i + 1,
        customerId: customer.id,
        policy: "learning",
        candidates: [{ edgeId: "opt-a", label: "A" }],
        scores: {},
        chosenEdgeId: "opt-a",
        explore: false,
        confidence: 0.5,
        rationale: "",
        features: { lifetimeValue: i * 1_000 },
        attributionEndsAt: now,
        reward: 0,
        rewardedAt: now,
      })),
    });
    expect(await learnRewards(t.prisma)).toBe(120);
  });
  afterAll(() => t?.drop());

  it("lists each trait with its type, coverage and range, and how the node cuts it automatically", async () => {
    const result = await callerFor(t.prisma, marketer.id).decisions.learnableTraits({ journeyId, stepId: "choose" });
    expect(result.sampled).toBe(40);
    const byName = new Map(result.traits.map((trait) => [trait.name, trait]));
    expect(byName.get("plan")).toMatchObject({ kind: "text", share: 1, values: ["free", "pro"] });
    expect(byName.get("lifetimeValue")).toMatchObject({ kind: "number", min: 0, max: 975_000 });
    expect(byName.get("lifetimeValue")?.automatic).toMatchObject({ kind: "number", cuts: expect.any(Array) });
    expect(byName.get("vip")).toMatchObject({ kind: "boolean", share: 0.5 });
    expect(byName.get("preferences.channel")).toMatchObject({ kind: "text" });
    expect(byName.get("constructor")).toMatchObject({ kind: "text", values: ["hostile"] });
    expect(byName.get("timeZone")).toMatchObject({ kind: "text", values: ["Europe/Paris"] });
  });

  it("names personal traits as left out, and never shows their values", async () => {
    const result = await callerFor(t.prisma, marketer.id).decisions.learnableTraits({ journeyId, stepId: "choose" });
    expect(result.personal).toEqual(["phoneNumber"]);
    expect(result.traits.map((trait) => trait.name)).not.toContain("phoneNumber");
    expect(JSON.stringify(result)).not.toContain("+33");
  });

  it("refuses another workspace's journey and callers without a session", async () => {
    const other = await createWorkspace(t.prisma);
    const stranger = await createUser(t.prisma, { workspaceId: other.id, role: "ADMIN" });
    await expect(
      callerFor(t.prisma, stranger.id).decisions.learnableTraits({ journeyId, stepId: "choose" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(t.prisma, null).decisions.learnableTraits({ journeyId, stepId: "choose" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
