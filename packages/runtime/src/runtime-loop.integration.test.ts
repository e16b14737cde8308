import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { rollupCounters } from "@northstar/core";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels } from "./channels/registry";
import { installQueue } from "./queue-schema";
import { runtimeTaskList } from "./tasks/runtime-tasks";
import { uniformRandomPolicy } from "@northstar/engine";
import { clickJourney, post, publishJourney, runtimeWorkspace, startIngestionServer, startSmtpSink } from "./testing";

/**
 * The whole loop on real components: HTTP ingestion -> enrollment -> agent decision -> email through a real SMTP
 * server -> tracked click over HTTP -> wait resumes -> goal; and a goal event exiting a waiting customer.
 */
describe("runtime loop", () => {
  let t: TestDatabase;
  let runner: Runner;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let journeyId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    smtp = await startSmtpSink();
    http = await startIngestionServer(t.prisma);
    setup = await runtimeWorkspace(t.prisma);
    ({ journeyId } = await publishJourney(setup.ctx, setup.objective.id, clickJourney()));
    const channels = createChannels(t.prisma, { smtpUrl: smtp.url, emailFrom: "Shop <shop@example.test>" });
    runner = await run({
      connectionString: t.url,
      concurrency: 4,
      pollInterval: 200,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
      taskList: runtimeTaskList({
        db: t.prisma,
        channels,
        policy: uniformRandomPolicy(),
        workerId: "loop-test",
        publicUrl: http.url,
        sendMaxAttempts: 3,
      }),
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await http?.close();
    await smtp?.close();
    await t?.drop();
  });

  const identify = (userId: string, traits: Record<string, unknown>) =>
    post(http.url, "/api/v1/identify", setup.writeKey, { userId, traits, messageId: `id-${userId}` });

  it("enrolls on an HTTP event, decides, emails over SMTP, resumes on the tracked click and reaches the goal", async () => {
    expect(
      (await identify("ada", { email: "ada@example.test", firstName: "Ada", consent: { email: true } })).status,
    ).toBe(200);
    const tracked = await post(http.url, "/api/v1/track", setup.writeKey, {
      userId: "ada",
      event: "signed_up",
      properties: { plan: "trial" },
      messageId: "signup-ada",
    });
    expect(tracked).toMatchObject({ status: 200, body: { success: true, accepted: 1, duplicates: 0 } });
    // The same messageId again is accepted and ignored.
    const again = await post(http.url, "/api/v1/track", setup.writeKey, {
      userId: "ada",
      event: "signed_up",
      properties: { plan: "trial" },
      messageId: "signup-ada",
    });
    expect(again.body).toMatchObject({ duplicates: 1 });

    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBe(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["ada@example.test"]);
    const raw = (mail?.raw ?? "").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    expect(raw).toMatch(/Subject: Welcome Ada \((A|B)\)/);
    const click = raw.match(/href="(http:\/\/127\.0\.0\.1:\d+\/t\/c\/[^"]+)"/)?.[1];
    expect(click).toBeDefined();
    expect(raw).toContain("/t/u/");
    expect(raw).toContain("/t/o/");

    const enrollment = await t.prisma.enrollment.findFirstOrThrow({ where: { journeyId } });
    await expect
      .poll(async () => (await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).state)
      .toBe("WAITING");

    const redirect = await fetch(click as string, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toMatch(/^https:\/\/shop\.example\.test\/start\?v=(A|B)$/);

    await expect
      .poll(async () => (await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).state, {
        timeout: 20_000,
      })
      .toBe("COMPLETED");
    const done = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(done.exitReason).toBe("goal");
    expect(done.currentStepId).toBe("goal");

    const decisions = await t.prisma.decision.findMany({ where: { enrollmentId: enrollment.id } });
    expect(decisions).toHaveLength(1);
    const decision = decisions[0];
    expect(decision).toMatchObject({ policy: "uniform_random", stepId: "choose", explore: true });
    expect(decision?.candidates).toEqual([
      { edgeId: "opt-a", label: "Email A" },
      { edgeId: "opt-b", label: "Email B" },
    ]);
    expect(decision?.removed).toEqual([
      { edgeId: "opt-sms", label: "SMS", reason: "eligibility: consent.sms eq true" },
    ]);
    expect(decision?.reward).toBeNull();

    const chosen = decision?.chosenEdgeId as string;
    const variant = chosen === "opt-a" ? "A" : "B";
    expect(raw).toContain(`Welcome Ada (${variant})`);
    // Counters are rolled up from the step log (as the cron task and the counters query do).
    await rollupCounters(t.prisma);
    const edges = await t.prisma.edgeDailyCount.findMany({ where: { journeyId } });
    const byEdge = Object.fromEntries(edges.map((e) => [e.edgeId, e.count]));
    expect(byEdge).toEqual({ "entry-choose": 1, [chosen]: 1, [`${variant.toLowerCase()}-wait`]: 1, "wait-goal": 1 });
    const activity = await t.prisma.edgeActivity.findMany({ where: { journeyId } });
    expect(activity.every((a) => a.total === 1 && a.lastFiredAt.getTime() <= Date.now())).toBe(true);
    const nodes = await t.prisma.nodeDailyCount.findMany({ where: { journeyId } });
    expect(Object.fromEntries(nodes.map((n) => [n.nodeId, n.count]))).toEqual({
      entry: 1,
      choose: 1,
      [`email-${variant.toLowerCase()}`]: 1,
      "wait-click": 1,
      goal: 1,
    });
    const message = await t.prisma.message.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    expect(message).toMatchObject({
      status: "SENT",
      provider: "smtp",
      attempts: 1,
      idempotencyKey: expect.stringMatching(new RegExp(`^${enrollment.id}:email-${variant.toLowerCase()}:\\d+$`)),
    });
    expect(message.clickedAt).not.toBeNull();
  });

  it("exits a waiting customer as a goal when the objective's event arrives, and rewards its decision", async () => {
    await identify("bob", { email: "bob@example.test", firstName: "Bob", consent: { email: true, sms: true } });
    await post(http.url, "/api/v1/track", setup.writeKey, {
      userId: "bob",
      event: "signed_up",
      properties: { plan: "trial" },
    });
    await expect.poll(() => t.prisma.customer.count({ where: { externalId: "bob" } }), { timeout: 20_000 }).toBe(1);
    const bob = await t.prisma.customer.findFirstOrThrow({ where: { externalId: "bob" } });
    await expect
      .poll(async () => (await t.prisma.enrollment.findFirst({ where: { customerId: bob.id } }))?.state, {
        timeout: 20_000,
      })
      .toBe("WAITING");
    const batch = await post(http.url, "/api/v1/batch", setup.writeKey, {
      batch: [
        { type: "track", userId: "bob", event: "purchase", properties: { total: 42 }, messageId: "purchase-bob" },
      ],
    });
    expect(batch.status).toBe(200);
    await expect
      .poll(async () => (await t.prisma.enrollment.findFirstOrThrow({ where: { customerId: bob.id } })).state, {
        timeout: 20_000,
      })
      .toBe("COMPLETED");
    const enrollment = await t.prisma.enrollment.findFirstOrThrow({ where: { customerId: bob.id } });
    expect(enrollment.exitReason).toBe("goal");
    expect(enrollment.currentStepId).toBe("wait-click");
    const decision = await t.prisma.decision.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
    expect(decision.reward).toBe(1);
    // Bob has SMS consent: all three options were candidates.
    expect((decision.candidates as unknown[]).length).toBe(3);
    // A signed_up event after completion does not re-enroll (re-entry "never").
    await post(http.url, "/api/v1/track", setup.writeKey, {
      userId: "bob",
      event: "signed_up",
      properties: { plan: "trial" },
    });
    await expect.poll(() => t.prisma.event.count({ where: { processedAt: null } }), { timeout: 20_000 }).toBe(0);
    expect(await t.prisma.enrollment.count({ where: { customerId: bob.id } })).toBe(1);
  });
});
