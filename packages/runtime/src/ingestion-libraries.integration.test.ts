import { gzipSync } from "node:zlib";
import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import { Analytics as SegmentAnalytics } from "@segment/analytics-node";
import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installQueue } from "./queue-schema";
import { runtimeWorkspace, startIngestionServer } from "./testing";

/**
 * Client libraries nobody here wrote, on their defaults, against the real HTTP API: every call they send is stored
 * exactly once, duplicates (a repeated messageId) included.
 */
describe("ingestion from Segment's and RudderStack's Node libraries", () => {
  let t: TestDatabase;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let key: string;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    http = await startIngestionServer(t.prisma);
    const setup = await runtimeWorkspace(t.prisma);
    key = setup.writeKey;
    workspaceId = setup.workspace.id;
  });
  afterAll(async () => {
    await http?.close();
    await t?.drop();
  });

  const storedOf = async (userIdPrefix: string) => {
    const rows = await t.prisma.event.groupBy({
      by: ["type"],
      where: {
        workspaceId,
        OR: [{ userId: { startsWith: userIdPrefix } }, { anonymousId: { startsWith: userIdPrefix } }],
      },
      _count: { _all: true },
    });
    return Object.fromEntries(rows.map((row) => [row.type, row._count._all]));
  };

  it("stores every call of RudderStack's SDK, which gzips its bodies by default", async () => {
    const sent: Promise<unknown>[] = [];
    const bodies: string[] = [];
    const client = new RudderAnalytics(key, {
      dataPlaneUrl: `${http.url}/api`,
      flushAt: 40,
      flushInterval: 60_000,
      errorHandler: (error: unknown) => bodies.push(String(error)),
    });
    const call = <T>(method: (message: T, callback: (error?: unknown) => void) => void, message: T) =>
      sent.push(new Promise((resolve) => method.call(client, message, (error) => resolve(error))));
    call(client.identify, { userId: "rs-1", traits: { email: "rs-1@example.com", plan: "pro" } });
    for (let i = 0; i < 100; i++) {
      call(client.track, { userId: "rs-1", event: "Product Viewed", properties: { i }, messageId: `rs-track-${i}` });
    }
    // The same messageId again: stored once.
    call(client.track, { userId: "rs-1", event: "Product Viewed", properties: { i: 0 }, messageId: "rs-track-0" });
    call(client.page, { userId: "rs-1", name: "Pricing", properties: { path: "/pricing" } });
    call(client.screen, { userId: "rs-1", name: "Home" });
    call(client.group, { userId: "rs-1", groupId: "acme", traits: { seats: 12 } });
    call(client.alias, { userId: "rs-1", previousId: "rs-anon-1" });
    await client.flush();
    const errors = (await Promise.all(sent)).filter(Boolean);
    expect(errors.map(String), bodies.join("\n")).toEqual([]);
    expect(await storedOf("rs-")).toEqual({ identify: 1, track: 100, page: 1, screen: 1, group: 1, alias: 1 });
    const identify = await t.prisma.event.findFirstOrThrow({
      where: { workspaceId, type: "identify", userId: "rs-1" },
    });
    expect(identify.traits).toEqual({ email: "rs-1@example.com", plan: "pro" });
  });

  it("stores every call of Segment's Node library, track batched with page, screen, group and alias", async () => {
    const failures: unknown[] = [];
    const client = new SegmentAnalytics({ writeKey: key, host: http.url, path: "/api/v1/batch", flushAt: 25 });
    client.on("error", (error) => failures.push(error));
    client.identify({ userId: "sg-1", traits: { email: "sg-1@example.com" } });
    for (let i = 0; i < 10; i++) {
      client.track({ userId: "sg-1", event: "Order Completed", properties: { total: i }, messageId: `sg-track-${i}` });
      if (i % 5 === 0) client.track({ userId: "sg-1", event: "Order Completed", messageId: `sg-track-${i}` });
    }
    client.page({ userId: "sg-1", name: "Checkout", category: "Shop", properties: { path: "/checkout" } });
    client.screen({ userId: "sg-1", name: "Cart" });
    client.group({ userId: "sg-1", groupId: "globex", traits: { plan: "enterprise" } });
    client.alias({ userId: "sg-1", previousId: "sg-anon-1" });
    await client.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);
    expect(await storedOf("sg-")).toEqual({ identify: 1, track: 10, page: 1, screen: 1, group: 1, alias: 1 });
    const page = await t.prisma.event.findFirstOrThrow({ where: { workspaceId, type: "page", userId: "sg-1" } });
    expect(page).toMatchObject({ name: "Checkout", properties: { path: "/checkout", category: "Shop" } });
    const group = await t.prisma.event.findFirstOrThrow({ where: { workspaceId, type: "group", userId: "sg-1" } });
    expect(group).toMatchObject({ properties: { groupId: "globex" }, traits: { plan: "enterprise" } });
  });

  it("refuses a gzip bomb with 413 after reading no more than the limit, and stores nothing", async () => {
    // 512 KiB of JSON whitespace per call, 64 times over: about 32 MiB once inflated, 33 KiB on the wire.
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const before = await t.prisma.event.count();
    const response = await fetch(`${http.url}/api/v1/batch`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
        "content-type": "application/json",
        "content-encoding": "gzip",
      },
      body: bomb,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/once decompressed/);
    expect(await t.prisma.event.count()).toBe(before);
  });
});
