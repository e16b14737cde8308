import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { type TestDatabase, createTestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installQueue } from "./queue-schema";
import { runtimeWorkspace, startIngestionServer } from "./testing";

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

/** The Segment HTTP Tracking API as a sender meets it: encodings, partial batches, limits, clocks and browsers. */
describe("ingestion HTTP API", () => {
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

  const auth = () => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` });

  async function send(path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${http.url}/api/v1/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
  }
  const event = (messageId: string) =>
    t.prisma.event.findUnique({ where: { workspaceId_messageId: { workspaceId, messageId } } });

  it("reads gzip, zlib deflate and raw deflate bodies", async () => {
    const call = (messageId: string) => JSON.stringify({ userId: "enc", event: "Encoded", messageId });
    expect((await send("track", gzipSync(call("gz")), { ...auth(), "content-encoding": "gzip" })).status).toBe(200);
    expect((await send("track", deflateSync(call("zl")), { ...auth(), "content-encoding": "deflate" })).status).toBe(
      200,
    );
    const raw = await send("track", deflateRawSync(call("raw")), { ...auth(), "content-encoding": "deflate" });
    expect(raw.status).toBe(200);
    for (const id of ["gz", "zl", "raw"]) expect(await event(id)).toMatchObject({ name: "Encoded" });
    const corrupt = await send("track", Buffer.from("not gzip at all"), { ...auth(), "content-encoding": "gzip" });
    expect(corrupt).toMatchObject({ status: 400, body: { error: "Request body is not valid gzip data" } });
    const unknown = await send("track", call("br"), { ...auth(), "content-encoding": "br" });
    expect(unknown.status).toBe(415);
  });

  it("stores the valid calls of a batch and reports each invalid one by its index", async () => {
    const answer = await send(
      "batch",
      JSON.stringify({
        batch: [
          { type: "track", userId: "pb", event: "Kept", messageId: "pb-0" },
          { type: "track", userId: "pb", messageId: "pb-1" },
          { type: "page", userId: "pb", name: "Home", messageId: "pb-2" },
          { type: "identify", userId: "pb", traits: { email: "nope" }, messageId: "pb-3" },
          { type: "alias", userId: "pb", messageId: "pb-4" },
          "not a call",
        ],
      }),
      auth(),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: true, accepted: 2, duplicates: 0 });
    expect((answer.body.refused as { index: number; error: string }[]).map((r) => [r.index, r.error])).toEqual([
      [1, expect.stringMatching(/^batch\.1\.event: /)],
      [3, expect.stringMatching(/^batch\.3\.traits\.email: must be an email address/)],
      [4, expect.stringMatching(/^batch\.4\.previousId: /)],
      [5, expect.stringMatching(/^batch\.5/)],
    ]);
    expect(await t.prisma.event.count({ where: { userId: "pb" } })).toBe(2);
    // A body that is not a batch at all is still refused whole.
    expect((await send("batch", JSON.stringify({ batch: "x" }), auth())).status).toBe(400);
  });

  it("answers 400 naming the limit for deep nesting, too many keys and long strings, never 503", async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`;
    const nested = await send("track", `{"userId":"lim","event":"e","properties":${deep}}`, auth());
    expect(nested.status).toBe(400);
    expect(nested.body.error).toMatch(/^properties(\.a)+: nests deeper than the limit of 32 levels$/);
    const inBatch = await send(
      "batch",
      `{"batch":[{"type":"track","userId":"lim","event":"e","properties":${deep}}]}`,
      auth(),
    );
    expect(inBatch.status).toBe(400);
    expect(inBatch.body.error).toMatch(/^batch\.0\.properties(\.a)+: nests deeper than the limit of 32 levels$/);
    const keys = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 1]));
    const many = await send("track", JSON.stringify({ userId: "lim", event: "e", properties: keys }), auth());
    expect(many.body.error).toBe("properties: takes the call past the limit of 1000 keys per call");
    const long = await send(
      "track",
      JSON.stringify({ userId: "lim", event: "e", properties: { s: "x".repeat(8_193) } }),
      auth(),
    );
    expect(long).toMatchObject({
      status: 400,
      body: { error: "properties.s: is longer than the limit of 8192 characters per string" },
    });
    expect(await t.prisma.event.count({ where: { userId: "lim" } })).toBe(0);
  });

  it("corrects a client clock 2 hours fast from sentAt, per call and per batch, and keeps all four times", async () => {
    // One reading of the client's clock for every time it sends, so their differences are exact.
    const clientNow = Date.now() + 2 * 3_600_000;
    const fast = (ms: number) => new Date(clientNow + ms).toISOString();
    const before = Date.now();
    // The event happened 5 s before the client sent it, by the client's clock.
    const single = JSON.stringify({
      userId: "skew",
      event: "Skewed",
      messageId: "skew-1",
      originalTimestamp: fast(-5_000),
      sentAt: fast(0),
      integrations: { All: true, Mixpanel: false },
    });
    expect((await send("track", single, auth())).status).toBe(200);
    const batch = JSON.stringify({
      sentAt: fast(0),
      batch: [{ type: "track", userId: "skew", event: "Skewed", messageId: "skew-2", timestamp: fast(-60_000) }],
    });
    expect((await send("batch", batch, auth())).status).toBe(200);
    const after = Date.now();
    const one = await event("skew-1");
    expect(one?.integrations).toEqual({ All: true, Mixpanel: false });
    expect(one?.sentAt?.getTime()).toBeGreaterThan(after + 3_600_000);
    expect(one?.originalTimestamp?.getTime()).toBeGreaterThan(after + 3_600_000);
    // Stored at server time: within the request's span, 5 s before it was received.
    expect(one?.timestamp.getTime()).toBe((one?.receivedAt.getTime() ?? 0) - 5_000);
    expect(one?.timestamp.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(one?.timestamp.getTime()).toBeLessThanOrEqual(after);
    const two = await event("skew-2");
    expect(two?.timestamp.getTime()).toBe((two?.receivedAt.getTime() ?? 0) - 60_000);
    expect(two?.sentAt?.getTime()).toBeGreaterThan(after + 3_600_000);
  });

  it("takes an identify's traits from context.traits when it has none, checked like traits", async () => {
    const identify = (messageId: string, body: object) =>
      send("identify", JSON.stringify({ userId: "ctx", messageId, ...body }), auth());
    expect((await identify("ctx-1", { context: { traits: { email: "ctx@example.com", plan: "pro" } } })).status).toBe(
      200,
    );
    expect((await event("ctx-1"))?.traits).toEqual({ email: "ctx@example.com", plan: "pro" });
    // Traits of the call win over the context's.
    expect((await identify("ctx-2", { traits: { plan: "team" }, context: { traits: { plan: "pro" } } })).status).toBe(
      200,
    );
    expect((await event("ctx-2"))?.traits).toEqual({ plan: "team" });
    const bad = await identify("ctx-3", { context: { traits: { email: "not an address" } } });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^context\.traits\.email: /) } });
  });

  it("serves browsers: CORS preflight, the write key in a text/plain body, the one-letter paths, allowed origins", async () => {
    const origin = "http://shop.example:8080";
    const preflight = await fetch(`${http.url}/api/v1/t`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    const plain = { "content-type": "text/plain", origin };
    const track = await send(
      "t",
      JSON.stringify({ writeKey: key, userId: "web", event: "Clicked", messageId: "web-t" }),
      plain,
    );
    expect(track.status).toBe(200);
    expect(track.headers.get("access-control-allow-origin")).toBe(origin);
    const page = await send(
      "p",
      JSON.stringify({ writeKey: key, anonymousId: "web-anon", name: "Home", messageId: "web-p" }),
      plain,
    );
    expect(page.status).toBe(200);
    expect(await event("web-p")).toMatchObject({ type: "page", name: "Home" });
    expect((await send("x", "{}", plain)).status).toBe(404);
    expect((await send("t", JSON.stringify({ writeKey: "nswk_wrong", userId: "web", event: "e" }), plain)).status).toBe(
      401,
    );
    // Once a key names its origins, a page elsewhere is refused and gets no CORS header.
    await t.prisma.writeKey.updateMany({ where: { workspaceId }, data: { allowedOrigins: ["https://shop.example"] } });
    const elsewhere = await send(
      "t",
      JSON.stringify({ writeKey: key, userId: "web", event: "e", messageId: "web-x" }),
      plain,
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    const allowed = { ...plain, origin: "https://shop.example" };
    expect(
      (await send("t", JSON.stringify({ writeKey: key, userId: "web", event: "e", messageId: "web-y" }), allowed))
        .status,
    ).toBe(200);
    // Servers send no Origin: an origin list does not concern them.
    expect(
      (await send("track", JSON.stringify({ userId: "srv", event: "e", messageId: "srv-1" }), auth())).status,
    ).toBe(200);
    await t.prisma.writeKey.updateMany({ where: { workspaceId }, data: { allowedOrigins: [] } });
    expect(await event("web-x")).toBeNull();
  });
});
