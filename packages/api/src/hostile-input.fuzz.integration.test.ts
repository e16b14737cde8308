import { handleIngestionRequest } from "@northstar/core";
import { createUser, createWorkspace } from "@northstar/db/testing";
import { exportJourney } from "@northstar/journey";
import { buildJourney } from "@northstar/journey/testing";
import { processEvents } from "@northstar/runtime";
import { createStepDatabase, type StepDatabase } from "@northstar/runtime/testing";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Context, createCaller } from "./index";
import { callHttp } from "./testing/callers";
import { dataTransformer } from "./transformer";

/**
 * Property-based fuzzing of what comes from outside: the ingestion API, CSV import, journey import and the main tRPC
 * inputs, with hostile keys (`__proto__`, `constructor`), unpaired surrogates, NUL, numbers beyond the double range
 * and absurd dates. Nothing may answer 5xx or throw anything but a client error; a refused input stores nothing; an
 * accepted one is stored exactly as sent; and the workspace's lists stay readable. Fixed seed, bounded runs.
 */
const SEED = 19;

const HOSTILE_KEYS = [
  "constructor",
  "__proto__",
  "prototype",
  "~constructor",
  "email",
  "phone",
  "timezone",
  "timeZone",
  "consent",
  "hasOwnProperty",
  "toString",
];

/** JSON text of a scalar, raw, so it can hold what JSON.stringify never writes (1e400, a lone `\udc00` escape). */
const hostileScalar = fc.oneof(
  fc.constantFrom(
    "1e400",
    "-1e400",
    '"\\udc00"',
    '"a\\ud800"',
    '"\\u0000"',
    '"0001-01-01T00:00:00Z"',
    '"9999-12-31T23:59:59Z"',
  ),
  fc.string({ unit: "binary", maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const cleanScalar = fc.oneof(
  fc.constantFrom(
    "0",
    "1.5",
    "true",
    "false",
    "null",
    '"ada@example.test"',
    '"Europe/Paris"',
    '"2026-01-01T00:00:00Z"',
  ),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? "0" : String(n))),
);
const scalarText = fc.oneof({ arbitrary: cleanScalar, weight: 4 }, { arbitrary: hostileScalar, weight: 1 });
const cleanKey = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 8 }), weight: 4 },
  { arbitrary: fc.constantFrom("constructor", "prototype", "~constructor", "hasOwnProperty", "toString"), weight: 1 },
);
const keyText = fc
  .oneof(
    { arbitrary: cleanKey, weight: 4 },
    { arbitrary: fc.constantFrom(...HOSTILE_KEYS), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 1 },
  )
  .map((k) => JSON.stringify(k));

/** JSON text of values, objects and arrays built from the given scalars and keys. */
function jsonText(scalar: fc.Arbitrary<string>, key: fc.Arbitrary<string>) {
  return fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
    value: fc.oneof({ depthSize: "small" }, scalar, tie("object"), tie("array")),
    object: fc
      .array(fc.tuple(key, tie("value")), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${k}:${v}`).join(",")}}`),
    array: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
  }));
}

const { value: valueText, object: objectText } = jsonText(scalarText, keyText);
// Storable as sent: the calls that must be accepted and stored unchanged (keys such as constructor included).
const clean = jsonText(
  cleanScalar,
  cleanKey.map((k) => JSON.stringify(k)),
);

const idText = fc.oneof({ arbitrary: fc.constantFrom('"u1"', '"u2"', '"Ada"'), weight: 6 }, scalarText);
const timeText = fc.oneof(
  {
    arbitrary: fc.constantFrom('"2026-01-01T00:00:00Z"', '"1970-01-01T00:00:00Z"', '"2026-02-30T00:00:00Z"'),
    weight: 4,
  },
  { arbitrary: scalarText, weight: 1 },
);

/** The fields of one call as JSON text pairs; each may be missing. Hostile or clean, half and half. */
const callFields = (type: "track" | "identify") =>
  fc.oneof(
    fc.record(
      {
        userId: idText,
        anonymousId: idText,
        event: fc.oneof({ arbitrary: fc.constant('"Viewed"'), weight: 3 }, scalarText),
        traits: fc.oneof({ arbitrary: objectText, weight: 3 }, scalarText),
        properties: fc.oneof({ arbitrary: objectText, weight: 3 }, scalarText),
        context: objectText,
        timestamp: timeText,
        sentAt: timeText,
      },
      { requiredKeys: type === "track" ? ["event"] : [] },
    ),
    fc.record(
      {
        userId: fc.constantFrom('"u1"', '"u2"', '"Ada"'),
        event: fc.constant('"Viewed"'),
        traits: clean.object,
        properties: clean.object,
        context: clean.object,
        timestamp: fc.constant('"2026-01-01T00:00:00Z"'),
      },
      { requiredKeys: ["userId", "event"] },
    ),
  );

let messages = 0;
function callText(type: "track" | "identify" | null, fields: Record<string, string>) {
  const pairs = Object.entries(fields).map(([k, v]) => `"${k}":${v}`);
  if (type) pairs.unshift(`"type":"${type}"`);
  pairs.unshift(`"messageId":"fz-${++messages}"`);
  return { text: `{${pairs.join(",")}}`, messageId: `fz-${messages}` };
}

const ingestionRequest = fc.oneof(
  callFields("track").map((f) => ({ kind: "track" as const, calls: [callText(null, f)] })),
  callFields("identify").map((f) => ({ kind: "identify" as const, calls: [callText(null, f)] })),
  fc
    .array(
      fc.oneof(
        callFields("track").map((f) => callText("track", f)),
        callFields("identify").map((f) => callText("identify", f)),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((calls) => ({ kind: "batch" as const, calls })),
);

const isClientError = (error: unknown) => error instanceof TRPCError && getHTTPStatusCodeFromError(error) < 500;

describe("fuzzing hostile input", () => {
  let database: StepDatabase;
  let context: Context;
  let api: ReturnType<typeof createCaller>;
  let writeKey: string;
  let workspaceId: string;
  let objectiveId: string;

  beforeAll(async () => {
    database = await createStepDatabase();
    const db = database.t.prisma;
    workspaceId = (await createWorkspace(db, { name: "Acme" })).id;
    const admin = await createUser(db, { workspaceId, role: "ADMIN" });
    context = { db, session: { userId: admin.id }, requestedWorkspaceId: null };
    api = createCaller(context);
    writeKey = (await api.runtime.writeKeys.create({ name: "fuzz" })).secret;
    objectiveId = (
      await api.objective.create({
        name: "Activation",
        metric: { event: "Viewed", aggregation: "count", windowDays: 14, direction: "increase" },
      })
    ).id;
  });
  afterAll(() => database?.close());

  const count = {
    events: () => database.t.prisma.event.count({ where: { workspaceId } }),
    customers: () => database.t.prisma.customer.count({ where: { workspaceId } }),
    journeys: () => database.t.prisma.journey.count({ where: { workspaceId } }),
  };

  it("ingestion answers 200 or 4xx, stores nothing it refuses and exactly what it accepts", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: ingestionRequest, weight: 9 }, fc.uint8Array()), async (input) => {
        const raw = input instanceof Uint8Array;
        const body = raw
          ? input
          : input.kind === "batch"
            ? `{"batch":[${input.calls.map((c) => c.text).join(",")}]}`
            : (input.calls[0]?.text ?? "");
        const kind = raw ? "track" : input.kind;
        const before = await count.events();
        const response = await handleIngestionRequest(
          database.t.prisma,
          kind,
          new Request(`http://localhost/api/v1/${kind}`, {
            method: "POST",
            headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
            body,
          }),
        );
        expect([200, 400, 413]).toContain(response.status);
        const after = await count.events();
        if (response.status !== 200 || raw) {
          expect(after).toBe(before);
          return;
        }
        accepted++;
        // A batch stores its valid calls and names each refused one by index.
        const answer = (await response.json()) as { refused?: { index: number }[] };
        const refused = new Set((answer.refused ?? []).map((call) => call.index));
        const storedCalls = input.calls.filter((_, i) => !refused.has(i));
        expect(after).toBe(before + storedCalls.length);
        for (const call of storedCalls) {
          const sent = JSON.parse(call.text) as {
            traits?: unknown;
            properties?: unknown;
            type?: string;
            context?: { traits?: unknown };
          };
          const stored = await database.t.prisma.event.findFirstOrThrow({ where: { messageId: call.messageId } });
          if (stored.type === "identify") expect(stored.traits).toEqual(sent.traits ?? sent.context?.traits ?? {});
          else expect(stored.properties).toEqual(sent.properties ?? {});
          // The worker applies it: resolving the customer and merging traits must not fail either.
          await processEvents({ db: database.t.prisma }, database.withClient, [stored.id]);
        }
      }),
      { seed: SEED, numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(5); // the generator reaches the storing path, not only refusals
  });

  it("CSV import rejects bad rows or the file with a client error, never a server error", async () => {
    const cell = fc.oneof(
      fc.constantFrom("", "yes", "no", "ada@example.test", "Europe/Paris", "\u0000", "\ud800", "x\udc00y"),
      fc.string({ unit: "binary", maxLength: 10 }),
    );
    const column = fc.oneof(
      fc.constantFrom("userId", "email", "timezone", "consent_email", "consent", "phone", ...HOSTILE_KEYS),
      fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
    );
    const file = fc.uniqueArray(column, { minLength: 1, maxLength: 5 }).chain((columns) =>
      fc.record({
        columns: fc.constant(["userId", ...columns.filter((c) => c !== "userId")]),
        rows: fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length + 1 }), {
          minLength: 1,
          maxLength: 6,
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(file, async ({ columns, rows }) => {
        const before = await count.customers();
        const padded = rows.map((row, i) => (i % 2 === 0 ? [`csv-${i}`, ...row.slice(1)] : row));
        try {
          const result = await api.customers.import({ columns: [...columns], rows: padded, firstLine: 2 });
          expect(result.imported + result.rejected.length).toBe(padded.length);
          for (const rejected of result.rejected) expect([...columns, "row", "userId"]).toContain(rejected.field);
        } catch (error) {
          expect(isClientError(error), String(error)).toBe(true);
          expect(await count.customers()).toBe(before);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("journey import refuses a mutated file with a client error and creates nothing, or imports it", async () => {
    const valid = exportJourney(buildJourney(), { name: "Imported" });
    const mutation = fc.record({ at: fc.nat(), key: keyText, value: valueText, replace: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let text = valid;
        for (const { at, key, value, replace } of mutations) text = mutate(text, at, key, value, replace);
        const before = await count.journeys();
        try {
          const journey = await api.journey.import({ content: text, objectiveId });
          const http = await callHttp(context, "journey.get", { journeyId: journey.id }, { method: "GET" });
          expect(http.status).toBe(200);
        } catch (error) {
          expect(isClientError(error), String(error)).toBe(true);
          expect(await count.journeys()).toBe(before);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("the main tRPC inputs answer below 500 over HTTP whatever their JSON", async () => {
    const procedures = [
      ["customers.list", "GET"],
      ["customers.timeline", "GET"],
      ["audit.list", "GET"],
      ["version.get", "GET"],
      ["journey.create", "POST"],
      ["objective.create", "POST"],
      ["version.saveDraft", "POST"],
      ["customers.import", "POST"],
      ["journey.import", "POST"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...procedures),
        valueText,
        fc.option(valueText),
        async ([procedure, method], input, meta) => {
          const json = meta === null ? `{"json":${input}}` : `{"json":${input},"meta":${meta}}`;
          const http =
            method === "GET"
              ? await callHttpGet(context, procedure, json)
              : await callHttp(context, procedure, null, { method, rawBody: json });
          expect(http.status, `${procedure} ${json}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("leaves customers.list, customers.timeline and audit.list readable, by caller and over HTTP", async () => {
    const customers = await api.customers.list({ limit: 200 });
    expect(customers.items.length).toBeGreaterThan(0);
    for (const customer of customers.items) await api.customers.timeline({ customerId: customer.id });
    await api.audit.list({ limit: 200 });

    const list = await callHttp(context, "customers.list", { limit: 200 }, { method: "GET" });
    expect(list.status).toBe(200);
    const served = dataTransformer.deserialize(list.body.result?.data as never) as typeof customers;
    expect(served.items.map((c) => c.id)).toEqual(customers.items.map((c) => c.id));
    for (const customer of customers.items) {
      const timeline = await callHttp(context, "customers.timeline", { customerId: customer.id }, { method: "GET" });
      expect(timeline.status).toBe(200);
    }
    expect((await callHttp(context, "audit.list", { limit: 200 }, { method: "GET" })).status).toBe(200);
  });
});

/** A GET whose `input` query parameter is raw JSON text (callHttp would stringify a value). */
async function callHttpGet(context: Context, procedure: string, json: string) {
  const { handleTrpcRequest } = await import("./http");
  const url = new URL(`http://localhost/api/trpc/${procedure}`);
  url.searchParams.set("input", json);
  const response = await handleTrpcRequest(new Request(url), async () => context);
  return { status: response.status };
}

/** Puts `value` (JSON text) into the `at`-th object or array of the document, under `key` or over an existing entry. */
function mutate(text: string, at: number, key: string, value: string, replace: boolean): string {
  const document = JSON.parse(text) as unknown;
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const collect = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    containers.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) collect(child);
  };
  collect(document);
  const target = containers[at % containers.length];
  const parsedKey = JSON.parse(key) as string;
  if (Array.isArray(target)) {
    if (replace && target.length > 0) target[at % target.length] = "__marker__";
    else target.push("__marker__");
  } else if (target) {
    const keys = Object.keys(target);
    const name = replace && keys.length > 0 ? (keys[at % keys.length] ?? parsedKey) : parsedKey;
    Object.defineProperty(target, name, { value: "__marker__", enumerable: true, writable: true, configurable: true });
  }
  // The value is spliced in as text so it may hold what JSON.stringify never writes.
  return JSON.stringify(document).replace('"__marker__"', value);
}
