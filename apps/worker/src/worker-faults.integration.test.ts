import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { ingestCalls, rollupCounters } from "@northstar/core";
import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import {
  agentNode,
  defineJourney,
  edge,
  entryNode,
  goalNode,
  messageNode,
  optionEdge,
} from "@northstar/journey/testing";
import { installQueue } from "@northstar/runtime";
import { publishJourney, runtimeWorkspace, startSmtpSink } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const CUSTOMERS = 40;

const email = (variant: string) =>
  messageNode(`email-${variant}`, {
    channel: "email",
    purpose: "transactional",
    content: {
      mode: "template",
      templateId: variant,
      version: 1,
      subject: `Hello ${variant}`,
      body: "<p>Hi {{name}}</p>",
      variables: { name: "name" },
    },
  });

/** Worker processes killed with SIGKILL and run side by side: every customer finishes, nothing runs or sends twice. */
describe("worker processes under faults", () => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const children: ChildProcess[] = [];

  function spawnWorker(id: string): ChildProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
      cwd: ROOT,
      env: {
        // biome-ignore lint/style/noProcessEnv: passes the environment through to the worker process; reads no setting.
        ...process.env,
        DATABASE_URL: t.url,
        SMTP_URL: smtp.url,
        WORKER_ID: id,
        WORKER_CONCURRENCY: "4",
        WORKER_HEARTBEAT_SECONDS: "1",
        WORKER_STALE_AFTER_SECONDS: "3",
        PUBLIC_URL: "http://127.0.0.1:9",
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await smtp?.close();
    await t?.drop();
  });

  // The killed process's jobs stay locked (locked_by = its worker pool id) until a live process sees its heartbeat
  // go stale and releases them (liveness.ts); timeouts allow for slow process start-up on a busy machine.
  it("finishes every customer after a SIGKILL, with two workers sharing the queue, without a second send", async () => {
    const setup = await runtimeWorkspace(t.prisma);
    const definition = defineJourney(
      [
        entryNode("entry", { holdoutShare: 0, reentry: "never" }),
        agentNode("choose", { fallbackOptionEdgeId: "opt-a" }),
        email("a"),
        email("b"),
        goalNode("goal"),
      ],
      [
        edge("entry-choose", "entry", "choose"),
        optionEdge("opt-a", "choose", "email-a"),
        optionEdge("opt-b", "choose", "email-b"),
        edge("a-goal", "email-a", "goal"),
        edge("b-goal", "email-b", "goal"),
      ],
    );
    const { journeyId } = await publishJourney(setup.ctx, setup.objective.id, definition);
    await t.prisma.customer.createMany({
      data: Array.from({ length: CUSTOMERS }, (_, i) => ({
        workspaceId: setup.workspace.id,
        externalId: `c${i}`,
        email: `c${i}@example.test`,
        consent: { email: true },
        traits: { name: `C${i}` },
      })),
    });
    await ingestCalls(
      t.prisma,
      setup.workspace.id,
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        type: "track" as const,
        event: "signed_up",
        userId: `c${i}`,
        properties: { plan: "trial" },
        messageId: `s${i}`,
      })),
    );

    const first = spawnWorker("worker-a");
    await expect.poll(() => smtp.received.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(3);
    first.kill("SIGKILL");
    const killedAt = smtp.received.length;
    expect(killedAt).toBeLessThan(CUSTOMERS);

    spawnWorker("worker-b");
    spawnWorker("worker-c");
    await expect
      .poll(() => t.prisma.enrollment.count({ where: { journeyId, state: "COMPLETED" } }), {
        timeout: 90_000,
        interval: 250,
      })
      .toBe(CUSTOMERS);
    await expect
      .poll(() => t.prisma.message.count({ where: { status: { in: ["PENDING", "SENDING", "FAILED"] } } }), {
        timeout: 30_000,
      })
      .toBe(0);

    // No recipient got two emails; every SENT message was received; the rest were quarantined as interrupted. A
    // quarantined one may have been received too: the kill can fall between the SMTP server's acceptance and the
    // SENT commit, which is exactly why it is quarantined for a person rather than sent again.
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    const sent = await t.prisma.message.findMany({ where: { status: "SENT" } });
    const received = new Set(recipients);
    for (const m of sent) expect(received.has(m.to)).toBe(true);
    const quarantined = await t.prisma.message.findMany({ where: { status: "QUARANTINED" } });
    for (const m of quarantined) expect(m.lastError).toMatch(/Interrupted during delivery/);
    expect(recipients.length).toBeLessThanOrEqual(sent.length + quarantined.length);
    expect(sent.length + quarantined.length).toBe(CUSTOMERS);
    // Each step ran once per customer (entry, agent, email, goal): the unique (enrollment, seq) log proves it.
    expect(await t.prisma.stepExecution.count()).toBe(CUSTOMERS * 4);
    expect(await t.prisma.decision.count()).toBe(CUSTOMERS);
    await rollupCounters(t.prisma);
    const counts = await t.prisma.edgeDailyCount.findMany({ where: { journeyId } });
    const total = (id: string) => counts.filter((c) => c.edgeId === id).reduce((s, c) => s + c.count, 0);
    expect(total("entry-choose")).toBe(CUSTOMERS);
    expect(total("opt-a") + total("opt-b")).toBe(CUSTOMERS);
    expect(total("a-goal") + total("b-goal")).toBe(CUSTOMERS);
  }, 180_000);
});
