import { Writable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { defineJourney, edge, entryNode, goalNode, messageNode } from "@northstar/journey/testing";
import { createLogger } from "@northstar/log";
import { installQueue } from "@northstar/runtime";
import { publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "./worker";

/** pino's numeric levels. */
const DEBUG = 20;
const INFO = 30;

/** The worker's lines as JSON, at debug, read back: what LOG_LEVEL=debug would print, and what info would keep. */
describe("worker logs", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
  });
  afterAll(() => t?.drop());

  it("carry job, enrollment and message ids, with routine completions and heartbeats at debug and no secret", async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const setup = await runtimeWorkspace(t.prisma);
    const journey = await publishJourney(
      setup.ctx,
      setup.objective.id,
      defineJourney(
        [
          entryNode("entry", { holdoutShare: 0 }),
          messageNode("email", {
            channel: "email",
            purpose: "transactional",
            content: {
              mode: "template",
              templateId: "hi",
              version: 1,
              subject: "Hi",
              body: "<p>Hi</p>",
              variables: {},
            },
          }),
          goalNode("goal"),
        ],
        [edge("entry-email", "entry", "email"), edge("email-goal", "email", "goal")],
      ),
    );
    const customer = await t.prisma.customer.create({
      data: { workspaceId: setup.workspace.id, email: "ada@example.test", consent: { email: true }, traits: {} },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: { workspaceId: setup.workspace.id, ...journey, customerId: customer.id, currentStepId: "email", seq: 1 },
    });
    const runner = await startWorker({
      connectionString: t.url,
      db: t.prisma,
      concurrency: 2,
      workerId: "logs-worker",
      heartbeatMs: 200,
      smtpUrl: "smtp://northstar:smtp-password-123@127.0.0.1:9",
      log: createLogger({ name: "worker", level: "debug", destination }),
    });
    try {
      await runner.addJob("run-step", { enrollmentId: enrollment.id, seq: 1 });
      await expect
        .poll(() => lines.some((l) => l.msg === "job done" && l.task === "run-step"), { timeout: 20_000 })
        .toBe(true);
      await expect.poll(() => lines.some((l) => l.msg === "heartbeat"), { timeout: 10_000 }).toBe(true);
      // The SMTP server refuses: the send's job is retried by the queue, and its lines name the message.
      const message = await t.prisma.message.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
      await expect
        .poll(() => lines.find((l) => l.task === "send-message" && l.messageId === message.id), { timeout: 20_000 })
        .toMatchObject({ msg: "job failed", jobId: expect.any(String), err: { message: expect.any(String) } });
    } finally {
      await runner.stop();
    }
    const step = lines.find((l) => l.msg === "job done" && l.task === "run-step");
    expect(step).toMatchObject({
      level: DEBUG,
      workerId: "logs-worker",
      enrollmentId: enrollment.id,
      jobId: expect.any(String),
      outcome: expect.stringMatching(/^queued email to a\*\*\*@example\.test/),
    });
    // What LOG_LEVEL=info keeps: no routine completion, no heartbeat, no secret.
    const info = lines.filter((l) => Number(l.level) >= INFO);
    expect(info.filter((l) => /Completed task|job done|heartbeat/.test(String(l.msg)))).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain("smtp-password-123");
    expect(lines.filter((l) => /Completed task/.test(String(l.msg))).every((l) => l.level === DEBUG)).toBe(true);
  });
});
