import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainContext } from "../workspace/scope";
import { handleIngestionRequest, type IngestionOptions } from "./ingestion-http";
import { createRateLimiter } from "./rate-limiter";
import { MAX_JSON_DEPTH } from "./storable-json";
import { createWriteKey, revokeWriteKey } from "./write-keys";

type Kind = "track" | "identify" | "batch";

/**
 * The ingestion API refuses, with a 400 naming the field, anything it could not store exactly as sent; it answers
 * 401 the moment a key is revoked and 429 with Retry-After past a key's rate. A refused request stores nothing.
 */
describe("ingestion refusals", () => {
  let t: TestDatabase;
  let ctx: DomainContext;
  let key: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const ws = await createWorkspace(t.prisma, { name: "Acme" });
    const admin = await createUser(t.prisma, { workspaceId: ws.id, role: "ADMIN" });
    ctx = { db: t.prisma, actor: { userId: admin.id, workspaceId: ws.id, role: "ADMIN" } };
    key = (await createWriteKey(ctx, { name: "site" })).secret;
  });
  afterAll(() => t?.drop());

  async function send(kind: Kind, body: string | Uint8Array, options: IngestionOptions = {}, secret = key) {
    const request = new Request(`http://localhost/api/v1/${kind}`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` },
      body,
    });
    const response = await handleIngestionRequest(t.prisma, kind, request, options);
    const json = (await response.json()) as { error?: string; fieldErrors?: Record<string, string[]> | null };
    return { status: response.status, headers: response.headers, ...json };
  }

  /** Sends a call that must be refused with 400 naming `field`, and checks that nothing was stored. */
  async function expectRefused(kind: Kind, body: string | Uint8Array, field: string) {
    const before = await t.prisma.event.count();
    const answer = await send(kind, body);
    expect(answer.status, answer.error).toBe(400);
    expect(Object.keys(answer.fieldErrors ?? {})).toContain(field);
    expect(answer.error).toMatch(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(await t.prisma.event.count()).toBe(before);
    return answer;
  }

  it("refuses a lone surrogate in userId, in a value and in a key, instead of storing U+FFFD", async () => {
    await expectRefused("track", '{"userId":"a\\udc00","event":"e"}', "userId");
    await expectRefused("track", '{"userId":"a","event":"e","properties":{"x":"\\ud800"}}', "properties.x");
    const key = await expectRefused("identify", '{"userId":"a","traits":{"k\\udc00":1}}', "traits.k\\udc00");
    expect(key.fieldErrors?.["traits.k\\udc00"]?.[0]).toMatch(/unpaired surrogate/);
    // A surrogate pair (an emoji) is a character like any other.
    expect((await send("track", '{"userId":"\\ud83d\\ude00","event":"e"}')).status).toBe(200);
    const stored = await t.prisma.event.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
    expect(stored.userId).toBe("😀");
  });

  it("refuses a body that is not UTF-8 rather than decoding it with replacement characters", async () => {
    const prefix = new TextEncoder().encode('{"userId":"a');
    const body = new Uint8Array([...prefix, 0xed, 0xb0, 0x80, ...new TextEncoder().encode('","event":"e"}')]);
    await expectRefused("track", body, "body");
  });

  it("refuses numbers beyond the double range, which would be stored as null", async () => {
    await expectRefused("track", '{"userId":"a","event":"e","properties":{"total":1e400}}', "properties.total");
    await expectRefused("identify", '{"userId":"a","traits":{"score":[-1e999]}}', "traits.score.0");
  });

  it("refuses NUL, the key __proto__ and nesting too deep to serialize, naming the field", async () => {
    await expectRefused("track", '{"userId":"a","event":"e\\u0000"}', "event");
    await expectRefused("identify", '{"userId":"a","traits":{"__proto__":{"email":"x@y.z"}}}', "traits.__proto__");
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const deepest = ["properties", "deep", ...Array(MAX_JSON_DEPTH - 2).fill(0)].join(".");
    await expectRefused("track", `{"userId":"a","event":"e","properties":{"deep":${deep}}}`, deepest);
    const batch = JSON.stringify({ batch: [{ type: "track", userId: "a", event: "ok" }, { type: "track" }] });
    await expectRefused("batch", batch.replace('"ok"', '"o\\u0000k"'), "batch.0.event");
  });

  it("accepts timestamps from 1970 to a day ahead and refuses years 0001 and 9999", async () => {
    const call = (timestamp: string) => JSON.stringify({ userId: "a", event: "e", timestamp });
    await expectRefused("track", call("0001-01-01T00:00:00Z"), "timestamp");
    await expectRefused("track", call("9999-12-31T23:59:59Z"), "timestamp");
    await expectRefused("track", call(new Date(Date.now() + 25 * 3_600_000).toISOString()), "timestamp");
    await expectRefused("track", JSON.stringify({ userId: "a", event: "e", sentAt: "0001-01-01T00:00:00Z" }), "sentAt");
    expect((await send("track", call("1970-01-01T00:00:00Z"))).status).toBe(200);
    expect((await send("track", call(new Date(Date.now() + 3_600_000).toISOString()))).status).toBe(200);
  });

  it("refuses reserved traits of the wrong type, naming the trait, instead of dropping them", async () => {
    const identify = (traits: unknown) => JSON.stringify({ userId: "a", traits });
    await expectRefused("identify", identify({ email: 42 }), "traits.email");
    await expectRefused("identify", identify({ email: "not an address" }), "traits.email");
    await expectRefused("identify", identify({ phone: null }), "traits.phone");
    await expectRefused("identify", identify({ timezone: "Mars/Olympus" }), "traits.timezone");
    await expectRefused("identify", identify({ consent: "yes" }), "traits.consent");
    await expectRefused("identify", identify({ consent: { email: "yes" } }), "traits.consent.email");
    await expectRefused("identify", identify({ consent: { whatsapp: true } }), "traits.consent.whatsapp");
    const batch = JSON.stringify({
      batch: [
        { type: "identify", userId: "a", traits: { email: "ada@example.test" } },
        { type: "identify", userId: "b", traits: { timeZone: 3 } },
      ],
    });
    // In a batch, the bad call alone is refused, by its index; the good one is stored.
    const before = await t.prisma.event.count();
    const answer = (await send("batch", batch)) as Awaited<ReturnType<typeof send>> & { refused?: unknown };
    expect(answer.status).toBe(200);
    expect(answer.refused).toMatchObject([{ index: 1, fieldErrors: { "batch.1.traits.timeZone": expect.any(Array) } }]);
    expect(await t.prisma.event.count()).toBe(before + 1);
  });

  it("stores keys named constructor and prototype exactly as sent", async () => {
    const traits = { constructor: "x", prototype: { constructor: 1 }, email: "ada@example.test" };
    const answer = await send("identify", JSON.stringify({ userId: "ctor", traits, messageId: "ctor-1" }));
    expect(answer.status).toBe(200);
    const stored = await t.prisma.event.findFirstOrThrow({ where: { messageId: "ctor-1" } });
    expect(stored.traits).toEqual(traits);
  });

  it("refuses a revoked key on the very next request", async () => {
    const created = await createWriteKey(ctx, { name: "to revoke" });
    const call = JSON.stringify({ userId: "a", event: "e" });
    expect((await send("track", call, {}, created.secret)).status).toBe(200);
    await revokeWriteKey(ctx, created.id);
    const answer = await send("track", call, {}, created.secret);
    expect(answer.status).toBe(401);
    expect(answer.error).toBe("Unknown or revoked write key");
  });

  it("answers 429 with Retry-After past a key's rate, storing nothing, while other keys go on", async () => {
    const limiter = createRateLimiter({ ratePerSecond: 0.2, burst: 2 });
    const other = (await createWriteKey(ctx, { name: "other" })).secret;
    const call = JSON.stringify({ userId: "a", event: "e" });
    expect((await send("track", call, { limiter })).status).toBe(200);
    expect(
      (await send("batch", JSON.stringify({ batch: [{ type: "track", userId: "a", event: "e" }] }), { limiter }))
        .status,
    ).toBe(200);
    const before = await t.prisma.event.count();
    const refused = await send("track", call, { limiter });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await t.prisma.event.count()).toBe(before);
    expect((await send("track", call, { limiter }, other)).status).toBe(200);
  });
});
