import { journeyCounters } from "@northstar/core";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import { defineJourney, edge, entryNode, exitNode, goalNode, waitNode } from "@northstar/journey/testing";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels } from "../channels/registry";
import { installQueue } from "../queue-schema";
import { runtimeTaskList } from "../tasks/runtime-tasks";
import { post, publishJourney, runtimeWorkspace, startIngestionServer } from "../testing";

/** signed_up -> wait until the objective's own event ("purchase", timeout -> exit) -> goal. */
const waitForPurchase = () =>
  defineJourney(
    [
      entryNode("entry", { holdoutShare: 0, reentry: "never" }),
      waitNode("wait-purchase", { type: "until_event", event: "purchase", timeoutMinutes: 60 }),
      goalNode("goal"),
      exitNode("timeout-exit", "expired"),
    ],
    [
      edge("entry-wait", "entry", "wait-purchase"),
      edge("wait-goal", "wait-purchase", "goal"),
      edge("wait-timeout", "wait-purchase", "timeout-exit", { sourceHandle: "timeout" }),
    ],
  );

/**
 * A conversion that ends a wait listening for the objective's own event walks the wait's event branch: the
 * dashboard's counters show the wait -> goal edge and the goal step taken, so a working branch is never flagged stale.
 */
describe("counters of a conversion that ends a wait for the objective's event", () => {
  let t: TestDatabase;
  let runner: Runner;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let journeyId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    http = await startIngestionServer(t.prisma);
    setup = await runtimeWorkspace(t.prisma, "purchase");
    ({ journeyId } = await publishJourney(setup.ctx, setup.objective.id, waitForPurchase()));
    runner = await run({
      connectionString: t.url,
      concurrency: 4,
      pollInterval: 200,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
      taskList: runtimeTaskList({
        db: t.prisma,
        channels: createChannels(t.prisma, { emailFrom: "Shop <shop@example.test>" }),
        policy: uniformRandomPolicy(),
        workerId: "counters-test",
        publicUrl: http.url,
        sendMaxAttempts: 3,
      }),
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await http?.close();
    await t?.drop();
  });

  const track = (userId: string, event: string, messageId: string) =>
    post(http.url, "/api/v1/track", setup.writeKey, { userId, event, properties: { plan: "trial" }, messageId });

  const stateOf = async (userId: string) => {
    const customer = await t.prisma.customer.findFirst({
      where: { workspaceId: setup.workspace.id, externalId: userId },
    });
    if (!customer) return undefined;
    return (await t.prisma.enrollment.findFirst({ where: { journeyId, customerId: customer.id } }))?.state;
  };

  it("counts the wait -> goal edge and the goal step when the purchase arrives, once per customer", async () => {
    const buyers = ["ann", "ben", "cy"];
    for (const user of buyers) expect((await track(user, "signed_up", `signup-${user}`)).status).toBe(200);
    expect((await track("dee", "signed_up", "signup-dee")).status).toBe(200);
    for (const user of [...buyers, "dee"]) {
      await expect.poll(() => stateOf(user), { timeout: 20_000 }).toBe("WAITING");
    }

    for (const user of buyers) expect((await track(user, "purchase", `purchase-${user}`)).status).toBe(200);
    // A repeated delivery of the same purchase is stored once and walks nothing twice.
    expect((await track("ann", "purchase", "purchase-ann")).body).toMatchObject({ duplicates: 1 });
    for (const user of buyers) await expect.poll(() => stateOf(user), { timeout: 20_000 }).toBe("COMPLETED");
    // A second purchase after completion finds no open enrollment.
    expect((await track("ben", "purchase", "purchase-ben-2")).status).toBe(200);
    await expect.poll(() => t.prisma.event.count({ where: { processedAt: null } }), { timeout: 20_000 }).toBe(0);

    const done = await t.prisma.enrollment.findMany({ where: { journeyId, state: "COMPLETED" } });
    expect(done.map((e) => [e.exitReason, e.currentStepId])).toEqual(buyers.map(() => ["goal", "goal"]));

    const counters = await journeyCounters(setup.ctx, { journeyId });
    const edges = Object.fromEntries(counters.edges.map((e) => [e.edgeId, e.total]));
    const nodes = Object.fromEntries(counters.nodes.map((n) => [n.nodeId, n.inWindow]));
    expect(edges).toEqual({ "entry-wait": 4, "wait-goal": 3 });
    expect(nodes).toEqual({ entry: 4, "wait-purchase": 4, goal: 3 });
    expect(counters.edges.find((e) => e.edgeId === "wait-goal")?.lastFiredAt).not.toBeNull();
    // Dee, still waiting, has taken neither edge out of the wait.
    expect(await stateOf("dee")).toBe("WAITING");
  });
});
