import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import { defineJourney, edge, entryNode, goalNode, messageNode } from "@northstar/journey/testing";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels } from "./channels/registry";
import { installQueue } from "./queue-schema";
import { runtimeTaskList } from "./tasks/runtime-tasks";
import { clickJourney, post, publishJourney, runtimeWorkspace, startIngestionServer, startSmtpSink } from "./testing";

/** The header section of a raw message, unfolded, by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Marketing email carries List-Unsubscribe (the unsubscribe URL, then the configured mailbox) and
 * List-Unsubscribe-Post: a mail client's one-click POST to that URL, with no session, unsubscribes the customer once,
 * and their later marketing sends are suppressed.
 */
describe("List-Unsubscribe one-click", () => {
  let t: TestDatabase;
  let runner: Runner;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    smtp = await startSmtpSink();
    http = await startIngestionServer(t.prisma);
    setup = await runtimeWorkspace(t.prisma);
    await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Welcome");
    const channels = createChannels(t.prisma, {
      smtpUrl: smtp.url,
      emailFrom: "Shop <shop@example.test>",
      publicUrl: http.url,
      unsubscribeMailto: "unsubscribe@example.test",
    });
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
        workerId: "unsubscribe-test",
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

  const signUp = (messageId: string) =>
    post(http.url, "/api/v1/track", setup.writeKey, {
      userId: "ada",
      event: "signed_up",
      properties: { plan: "trial" },
      messageId,
    });

  it("sends the headers, unsubscribes on a one-click POST, once, and suppresses later sends", async () => {
    await post(http.url, "/api/v1/identify", setup.writeKey, {
      userId: "ada",
      traits: { email: "ada@example.test", firstName: "Ada", consent: { email: true } },
    });
    expect((await signUp("signup-1")).status).toBe(200);
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBe(1);

    const headers = headersOf(smtp.received[0]?.raw ?? "");
    expect(headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const list = headers.get("list-unsubscribe") ?? "";
    const [url, mailto] = [...list.matchAll(/<([^>]+)>/g)].map((m) => m[1] ?? "");
    expect(url).toMatch(new RegExp(`^${http.url}/t/u/[A-Za-z0-9_-]{24}$`));
    expect(mailto).toMatch(/^mailto:unsubscribe@example\.test\?subject=unsubscribe%20[A-Za-z0-9_-]{24}$/);
    // The header's URL is the body's unsubscribe link: one page, one token.
    expect(smtp.received[0]?.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).toContain(`href="${url}"`);

    // What a mail client sends (RFC 8058): a POST with no cookie and this form body.
    const click = () =>
      fetch(url as string, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    expect((await click()).status).toBe(200);
    const ada = await t.prisma.customer.findFirstOrThrow({ where: { externalId: "ada" } });
    expect(ada.unsubscribedAt).not.toBeNull();
    expect(ada.consent).toMatchObject({ email: false });
    // A second POST (clients retry) changes nothing and records nothing twice.
    expect((await click()).status).toBe(200);
    await expect.poll(() => t.prisma.event.count({ where: { processedAt: null } }), { timeout: 20_000 }).toBe(0);
    expect(await t.prisma.event.count({ where: { name: "Unsubscribed", customerId: ada.id } })).toBe(1);
    const first = await t.prisma.enrollment.findFirstOrThrow({ where: { customerId: ada.id } });
    expect(first).toMatchObject({ state: "EXITED", exitReason: "unsubscribed" });

    // A journey published later would email her: the send is blocked and nothing reaches the SMTP server.
    const later = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Second welcome");
    expect((await signUp("signup-2")).status).toBe(200);
    await expect
      .poll(() => t.prisma.guardrailBlockLog.count({ where: { customerId: ada.id, journeyId: later.journeyId } }), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const blocks = await t.prisma.guardrailBlockLog.findMany({ where: { journeyId: later.journeyId } });
    expect(blocks.map((b) => b.action)).toContain("skip");
    expect(await t.prisma.message.count({ where: { journeyId: later.journeyId } })).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("leaves the headers off transactional email", async () => {
    const receipt = defineJourney(
      [
        entryNode("entry", { trigger: { type: "event", event: "ordered", filters: [] }, holdoutShare: 0 }),
        messageNode("receipt", {
          channel: "email",
          purpose: "transactional",
          content: {
            mode: "template",
            templateId: "receipt",
            version: 1,
            subject: "Your order",
            body: "<p>Thanks</p>",
            variables: {},
          },
        }),
        goalNode("goal"),
      ],
      [edge("entry-receipt", "entry", "receipt"), edge("receipt-goal", "receipt", "goal")],
    );
    await publishJourney(setup.ctx, setup.objective.id, receipt, "Receipts");
    await post(http.url, "/api/v1/identify", setup.writeKey, {
      userId: "bo",
      traits: { email: "bo@example.test", consent: { email: true } },
    });
    const before = smtp.received.length;
    expect((await post(http.url, "/api/v1/track", setup.writeKey, { userId: "bo", event: "ordered" })).status).toBe(
      200,
    );
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBe(before + 1);
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(["bo@example.test"]);
    const headers = headersOf(mail?.raw ?? "");
    expect(headers.get("subject")).toBe("Your order");
    expect(headers.has("list-unsubscribe")).toBe(false);
    expect(headers.has("list-unsubscribe-post")).toBe(false);
  });

  it("answers 404 to a one-click POST with a token no message has", async () => {
    const response = await fetch(`${http.url}/t/u/not-a-token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(404);
  });
});
