import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { defineJourney, edge, entryNode, exitNode, messageNode, waitNode } from "@northstar/journey/testing";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels } from "./channels/registry";
import { uniformRandomPolicy } from "@northstar/engine";
import { installQueue } from "./queue-schema";
import { runtimeTaskList } from "./tasks/runtime-tasks";
import { post, publishJourney, runtimeWorkspace, startIngestionServer } from "./testing";

/** signed_up -> email -> wait for "nudge" (timeout -> exit) -> back to the email: a loop through a wait. */
function loopJourney() {
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: 0, reentry: "never" }),
      messageNode("email", {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "loop",
          version: 1,
          subject: "Hi",
          body: '<p>Hi</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
          variables: {},
        },
      }),
      waitNode("wait", { type: "until_event", event: "nudge", timeoutMinutes: 60 }),
      exitNode("done", "expired"),
    ],
    [
      edge("entry-email", "entry", "email"),
      edge("email-wait", "email", "wait"),
      edge("wait-email", "wait", "email"),
      edge("wait-done", "wait", "done", { sourceHandle: "timeout" }),
    ],
  );
}

describe("a message step inside a loop", () => {
  let t: TestDatabase;
  let runner: Runner;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    http = await startIngestionServer(t.prisma);
    setup = await runtimeWorkspace(t.prisma);
    await publishJourney(setup.ctx, setup.objective.id, loopJourney());
    runner = await run({
      connectionString: t.url,
      concurrency: 2,
      pollInterval: 200,
      noHandleSignals: true,
      logger: new Logger(() => () => {}),
      taskList: runtimeTaskList({
        db: t.prisma,
        channels: createChannels(t.prisma, { emailFrom: "shop@example.test" }),
        policy: uniformRandomPolicy(),
        workerId: "loop-message-test",
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

  const track = (event: string, properties: Record<string, unknown> = {}) =>
    post(http.url, "/api/v1/track", setup.writeKey, { userId: "ada", event, properties });

  it("sends again on every pass, once per transition", async () => {
    await post(http.url, "/api/v1/identify", setup.writeKey, {
      userId: "ada",
      traits: { email: "ada@example.test", consent: { email: true } },
    });
    expect((await track("signed_up", { plan: "trial" })).status).toBe(200);
    const messages = () => t.prisma.message.findMany({ orderBy: { createdAt: "asc" } });
    await expect.poll(async () => (await messages()).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await t.prisma.enrollment.findFirst())?.state, { timeout: 20_000 }).toBe("WAITING");
    expect((await track("nudge")).status).toBe(200);
    await expect.poll(async () => (await messages()).length, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => (await t.prisma.enrollment.findFirst())?.state, { timeout: 20_000 }).toBe("WAITING");
    const sent = await messages();
    expect(new Set(sent.map((m) => m.idempotencyKey)).size).toBe(2);
    expect(sent.every((m) => m.stepId === "email")).toBe(true);
    const steps = await t.prisma.stepExecution.count({ where: { stepId: "email" } });
    expect(steps).toBe(2);
  });
});
