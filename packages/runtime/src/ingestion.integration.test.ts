import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installQueue } from "./queue-schema";
import { post, runtimeWorkspace, startIngestionServer } from "./testing";

/** Bad requests are refused with the right status and a field-named message, and store nothing. */
describe("ingestion API", () => {
  let t: TestDatabase;
  let http: Awaited<ReturnType<typeof startIngestionServer>>;
  let key: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installQueue(t.url);
    http = await startIngestionServer(t.prisma);
    key = (await runtimeWorkspace(t.prisma)).writeKey;
  });
  afterAll(async () => {
    await http?.close();
    await t?.drop();
  });

  const stored = () => t.prisma.event.count();

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    expect((await post(http.url, "/api/v1/track", null, { userId: "u", event: "e" })).status).toBe(401);
    expect((await post(http.url, "/api/v1/track", "nswk_wrong", { userId: "u", event: "e" })).status).toBe(401);
    const other = await runtimeWorkspace(t.prisma);
    const row = await t.prisma.writeKey.findFirstOrThrow({ where: { workspaceId: other.workspace.id } });
    await t.prisma.writeKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    expect((await post(http.url, "/api/v1/track", other.writeKey, { userId: "u", event: "e" })).status).toBe(401);
    expect(await stored()).toBe(0);
  });

  it("answers 400 naming the field for malformed calls", async () => {
    const missingEvent = await post(http.url, "/api/v1/track", key, { userId: "u" });
    expect(missingEvent.status).toBe(400);
    expect(missingEvent.body.error).toMatch(/^event: /);
    const noIdentity = await post(http.url, "/api/v1/identify", key, { traits: {} });
    expect(noIdentity.body.fieldErrors).toHaveProperty("userId");
    const badTime = await post(http.url, "/api/v1/track", key, { userId: "u", event: "e", timestamp: "yesterday" });
    expect(badTime.body.error).toMatch(/^timestamp: /);
    const notJson = await post(http.url, "/api/v1/track", key, "{not json");
    expect(notJson).toMatchObject({ status: 400, body: { fieldErrors: { body: ["is not valid JSON"] } } });
    // A batch whose every call is bad is refused, each call named by its index.
    const batch = await post(http.url, "/api/v1/batch", key, {
      batch: [
        { type: "track", userId: "u" },
        { type: "visit", userId: "u" },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.refused).toMatchObject([
      { index: 0, fieldErrors: { "batch.0.event": expect.any(Array) } },
      { index: 1, error: expect.stringMatching(/^batch\.1\.type: type must be one of/) },
    ]);
    expect(await stored()).toBe(0);
  });

  it("answers 400 naming the field for NUL characters, which PostgreSQL cannot store", async () => {
    const inEvent = await post(http.url, "/api/v1/track", key, { userId: "u", event: "a\u0000b" });
    expect(inEvent.status).toBe(400);
    expect(inEvent.body.error).toMatch(/^event: .*NUL/);
    const inProperty = await post(http.url, "/api/v1/track", key, {
      userId: "u",
      event: "e",
      properties: { nested: { list: ["ok", "x\u0000"] } },
    });
    expect(inProperty.status).toBe(400);
    expect(inProperty.body.fieldErrors).toHaveProperty(["properties.nested.list.1"]);
    const inKey = await post(http.url, "/api/v1/identify", key, { userId: "u", traits: { "a\u0000": 1 } });
    expect(inKey.status).toBe(400);
    expect(Object.keys(inKey.body.fieldErrors as object)[0]).toMatch(/^traits\./);
    const inUserId = await post(http.url, "/api/v1/identify", key, { userId: "u\u0000" });
    expect(inUserId.body.fieldErrors).toHaveProperty("userId");
    const inBatch = await post(http.url, "/api/v1/batch", key, {
      batch: [{ type: "track", userId: "u", event: "ok", context: { ip: "\u0000" } }],
    });
    expect(inBatch.status).toBe(400);
    expect(inBatch.body.error).toMatch(/^batch\.0\.context\.ip/);
    expect(inBatch.body.refused).toMatchObject([
      { index: 0, fieldErrors: { "batch.0.context.ip": expect.any(Array) } },
    ]);
    expect(await stored()).toBe(0);
  });

  it("answers 400, not 503, for input that passes validation but PostgreSQL refuses", async () => {
    // An unpaired surrogate survives JSON.parse and zod, but jsonb rejects the escape (SQLSTATE 22P05).
    const response = await post(
      http.url,
      "/api/v1/track",
      key,
      '{"userId":"u","event":"e","properties":{"s":"\\ud800"}}',
    );
    expect(response.status).toBe(400);
    expect(response.body.success).toBe(false);
    expect(await stored()).toBe(0);
  });

  it("answers 413 for an oversize body or call", async () => {
    const big = "x".repeat(600 * 1024);
    expect((await post(http.url, "/api/v1/track", key, { userId: "u", event: "e", properties: { big } })).status).toBe(
      413,
    );
    // Ten strings of 4 KiB: each within the string limit, together past the 32 KiB of a call.
    const properties = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, "y".repeat(4096)]));
    const call = { userId: "u", event: "e", properties };
    const oversizeCall = await post(http.url, "/api/v1/batch", key, { batch: [{ type: "track", ...call }] });
    expect(oversizeCall.status).toBe(413);
    expect(oversizeCall.body.error).toContain("batch.0");
    expect(await stored()).toBe(0);
  });

  it("stores an accepted batch before answering and ignores repeated messageIds", async () => {
    const calls = Array.from({ length: 20 }, (_, i) => ({
      type: "track",
      userId: `u${i}`,
      event: "viewed",
      messageId: `m${i}`,
    }));
    const first = await post(http.url, "/api/v1/batch", key, { batch: calls });
    expect(first).toMatchObject({ status: 200, body: { accepted: 20, duplicates: 0 } });
    expect(await stored()).toBe(20);
    const second = await post(http.url, "/api/v1/batch", key, { batch: calls });
    expect(second.body).toMatchObject({ accepted: 20, duplicates: 20 });
    expect(await stored()).toBe(20);
  });
});
