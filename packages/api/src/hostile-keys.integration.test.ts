import { createWriteKey, handleIngestionRequest } from "@northstar/core";
import { createUser, createWorkspace } from "@northstar/db/testing";
import { exportJourney } from "@northstar/journey";
import { buildJourney, smsNode } from "@northstar/journey/testing";
import { processEvents } from "@northstar/runtime";
import { createStepDatabase, type StepDatabase } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Context, createCaller } from "./index";
import { callHttp } from "./testing/callers";
import { dataTransformer } from "./transformer";

const HOSTILE = { constructor: "x", prototype: "y", "~constructor": "z" };

/** The decoded `result.data` of a tRPC HTTP answer, as the browser's client sees it. */
function httpData(body: { result?: { data: unknown } }): unknown {
  return dataTransformer.deserialize(body.result?.data as Parameters<typeof dataTransformer.deserialize>[0]);
}

/**
 * Keys superjson refuses (`constructor`, `prototype`, `__proto__`) arrive from write-key holders and marketers and are
 * stored as given; every list that shows them must still answer, through createCaller and through the HTTP endpoint
 * the browser uses (where the serializer runs).
 */
describe("hostile object keys in stored data", () => {
  let database: StepDatabase;
  let context: Context;
  let api: ReturnType<typeof createCaller>;
  let writeKey: string;
  let workspaceId: string;

  beforeAll(async () => {
    database = await createStepDatabase();
    const db = database.t.prisma;
    const ws = await createWorkspace(db, { name: "Acme" });
    workspaceId = ws.id;
    const admin = await createUser(db, { workspaceId, role: "ADMIN" });
    context = { db, session: { userId: admin.id }, requestedWorkspaceId: null };
    api = createCaller(context);
    const actor = { userId: admin.id, workspaceId, role: "ADMIN" as const };
    writeKey = (await createWriteKey({ db, actor }, { name: "probe" })).secret;
  });
  afterAll(() => database?.close());

  async function ingest(kind: "identify" | "track", body: unknown) {
    const request = new Request(`http://localhost/api/v1/${kind}`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
      body: JSON.stringify(body),
    });
    return handleIngestionRequest(database.t.prisma, kind, request);
  }

  it("serves customers.list and customers.timeline after an identify with traits named constructor", async () => {
    expect((await ingest("identify", { userId: "probe", traits: HOSTILE, messageId: "m1" })).status).toBe(200);
    expect((await ingest("track", { userId: "probe", event: "Viewed", properties: HOSTILE })).status).toBe(200);
    const events = await database.t.prisma.event.findMany({ where: { workspaceId }, orderBy: { type: "asc" } });
    await processEvents({ db: database.t.prisma }, database.withClient, [events[0]?.id ?? ""]);
    await processEvents({ db: database.t.prisma }, database.withClient, [events[1]?.id ?? ""]);

    const list = await api.customers.list({});
    expect(list.items[0]?.traits).toEqual(HOSTILE);
    const customerId = list.items[0]?.id ?? "";
    const timeline = await api.customers.timeline({ customerId });
    expect(timeline.events.find((e) => e.name === "Viewed")?.properties).toEqual(HOSTILE);

    const listHttp = await callHttp(context, "customers.list", {}, { method: "GET" });
    expect(listHttp.status).toBe(200);
    expect((httpData(listHttp.body) as typeof list).items[0]?.traits).toEqual(HOSTILE);
    const timelineHttp = await callHttp(context, "customers.timeline", { customerId }, { method: "GET" });
    expect(timelineHttp.status).toBe(200);
    const served = httpData(timelineHttp.body) as typeof timeline;
    expect(served.events.find((e) => e.name === "Viewed")?.properties).toEqual(HOSTILE);
    expect(served.customer.traits).toEqual(HOSTILE);
  });

  it("serves a customer whose stored traits hold __proto__ without changing any prototype", async () => {
    await database.t.prisma.$executeRawUnsafe(
      `insert into "Customer" ("id", "workspaceId", "externalId", "traits", "createdAt", "updatedAt")
       values ('cproto', $1, 'proto', '{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}', now(), now())`,
      workspaceId,
    );
    const http = await callHttp(context, "customers.timeline", { customerId: "cproto" }, { method: "GET" });
    expect(http.status).toBe(200);
    const traits = (httpData(http.body) as { customer: { traits: Record<string, unknown> } }).customer.traits;
    expect(Object.keys(traits)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(traits)).toBe(Object.prototype);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("serves version.get, version.compile and audit.list for a template variable named constructor", async () => {
    const objectiveId = (
      await api.objective.create({
        name: "Activation",
        metric: { event: "report_created", aggregation: "count", windowDays: 14, direction: "increase" },
      })
    ).id;
    const journey = await api.journey.create({ name: "Hostile variables", objectiveId });
    const draft = await api.version.openDraft({ journeyId: journey.id });
    const definition = buildJourney();
    const sms = smsNode("welcome-sms");
    if (sms.config.content.mode !== "template") throw new Error("the SMS factory writes a template");
    sms.config.content.body = "Hi {{constructor}}";
    sms.config.content.variables = { constructor: "customer.firstName", prototype: "customer.plan" };
    definition.nodes = definition.nodes.map((node) =>
      node.id === sms.id ? { ...sms, position: node.position } : node,
    );
    // Saved over HTTP too: the browser's client encodes the keys and the server decodes them.
    const save = await callHttp(
      context,
      "version.saveDraft",
      {},
      {
        rawBody: JSON.stringify(
          dataTransformer.serialize({ versionId: draft.id, baseRevision: draft.revision, definition }),
        ),
      },
    );
    expect(save.status).toBe(200);

    const variables = { constructor: "customer.firstName", prototype: "customer.plan" };
    const stored = await api.version.get({ versionId: draft.id });
    const storedSms = stored.definition.nodes.find((n) => n.id === "welcome-sms");
    expect(storedSms?.config).toMatchObject({ content: { variables } });
    await api.version.compile({ versionId: draft.id });
    await api.audit.list({});

    for (const [procedure, input] of [
      ["version.get", { versionId: draft.id }],
      ["version.compile", { versionId: draft.id }],
      ["audit.list", {}],
    ] as const) {
      const http = await callHttp(context, procedure, input, { method: "GET" });
      expect(http.status, procedure).toBe(200);
    }
    const served = httpData((await callHttp(context, "version.get", { versionId: draft.id }, { method: "GET" })).body);
    const servedSms = (served as typeof stored).definition.nodes.find((n) => n.id === "welcome-sms");
    expect(servedSms?.config).toMatchObject({ content: { variables } });
  });

  it("refuses, naming the field, input strings PostgreSQL would refuse or alter, whatever the procedure", async () => {
    const metric = { event: "e", aggregation: "count", windowDays: 14, direction: "increase" };
    for (const [name, message] of [
      ["Nul\u0000", "must not contain NUL (\\u0000) characters"],
      ["Lone\ud800", "must not contain an unpaired surrogate (\\ud800-\\udfff without its pair)"],
    ]) {
      const http = await callHttp(context, "objective.create", { name, metric });
      expect(http.status).toBe(400);
      expect(http.body.error?.json?.data.fieldErrors).toEqual({ name: [message] });
    }
    expect(await database.t.prisma.objective.count({ where: { workspaceId, name: { startsWith: "Lone" } } })).toBe(0);
  });

  it("refuses a journey file whose text holds an unpaired surrogate instead of answering 500", async () => {
    const objectiveId = (await api.objective.list()).at(0)?.id ?? "";
    const file = exportJourney(buildJourney(), { name: "Imported" }).replace('"Trial sign-up"', '"Trial \\ud800"');
    const before = await database.t.prisma.journey.count();
    await expect(api.journey.import({ content: file, objectiveId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await database.t.prisma.journey.count()).toBe(before);
  });
});
