import { ingestCalls } from "@northstar/core";
import type { TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickJourneyDatabase, type StepDatabase } from "../testing";
import { processEvents } from "./process-events";

/** Profiles as events create and change them (the enrollment side is in runtime-loop and the race tests). */
describe("processEvents and customer profiles", () => {
  let database: StepDatabase;
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof clickJourneyDatabase>>["setup"];

  beforeAll(async () => {
    ({ database, setup } = await clickJourneyDatabase());
    t = database.t;
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Stores the calls as the ingestion API does, then processes their events in order. */
  async function send(calls: Parameters<typeof ingestCalls>[2]) {
    await ingestCalls(t.prisma, setup.workspace.id, calls);
    const ids = calls.map((c) => c.messageId ?? "");
    const events = await t.prisma.event.findMany({ where: { messageId: { in: ids } } });
    const byMessage = new Map(events.map((e) => [e.messageId, e.id]));
    return processEvents(
      { db: t.prisma },
      database.withClient,
      ids.map((id) => byMessage.get(id) ?? ""),
    );
  }

  it("creates the profile on identify with its traits, and links the visitor's anonymous id to it", async () => {
    const processed = await send([
      {
        type: "identify",
        userId: "ada",
        anonymousId: "visitor-1",
        traits: { email: " Ada@Example.TEST ", timezone: "Europe/Paris", plan: "pro", consent: { email: true } },
        messageId: "ada-identify",
      },
      { type: "track", anonymousId: "visitor-1", event: "Product Viewed", messageId: "ada-view" },
    ]);

    expect(processed).toBe(2);
    const profiles = await t.prisma.customer.findMany({
      where: { workspaceId: setup.workspace.id, OR: [{ externalId: "ada" }, { anonymousId: "visitor-1" }] },
    });
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      externalId: "ada",
      anonymousId: "visitor-1",
      email: "ada@example.test",
      timeZone: "Europe/Paris",
      consent: { email: true },
      traits: { plan: "pro" },
    });
    // The anonymous event resolved to the identified profile.
    const view = await t.prisma.event.findFirstOrThrow({ where: { messageId: "ada-view" } });
    expect(view.customerId).toBe(profiles[0]?.id);
  });

  it("keeps an anonymous id on the profile that holds it: profiles are not merged", async () => {
    await send([{ type: "track", anonymousId: "visitor-2", event: "Product Viewed", messageId: "v2-view" }]);
    await send([{ type: "identify", userId: "bob", anonymousId: "visitor-2", traits: {}, messageId: "bob-identify" }]);

    const bob = await t.prisma.customer.findFirstOrThrow({ where: { externalId: "bob" } });
    const visitor = await t.prisma.customer.findFirstOrThrow({ where: { anonymousId: "visitor-2" } });
    expect(bob.anonymousId).toBeNull();
    expect(visitor.id).not.toBe(bob.id);
  });

  it("processes an event once, however often its job runs", async () => {
    const calls = [
      {
        type: "track" as const,
        userId: "cy",
        event: "signed_up",
        properties: { plan: "trial" },
        messageId: "cy-signup",
      },
    ];
    expect(await send(calls)).toBe(1);
    const event = await t.prisma.event.findFirstOrThrow({ where: { messageId: "cy-signup" } });
    expect(await processEvents({ db: t.prisma }, database.withClient, [event.id])).toBe(0);

    const customer = await t.prisma.customer.findFirstOrThrow({ where: { externalId: "cy" } });
    expect(await t.prisma.enrollment.count({ where: { customerId: customer.id } })).toBe(1);
    expect(event).toMatchObject({ customerId: customer.id });
    expect(event.processedAt).not.toBeNull();
  });

  it("records an unsubscribe on the profile: consent withdrawn, the time kept", async () => {
    await send([
      { type: "identify", userId: "dee", traits: { consent: { email: true } }, messageId: "dee-identify" },
      { type: "track", userId: "dee", event: "Unsubscribed", messageId: "dee-unsub" },
    ]);
    const dee = await t.prisma.customer.findFirstOrThrow({ where: { externalId: "dee" } });
    expect(dee.consent).toEqual({ email: false });
    expect(dee.unsubscribedAt).not.toBeNull();
  });
});
