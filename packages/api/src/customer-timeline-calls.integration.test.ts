import { createWriteKey, handleIngestionRequest } from "@northstar/core";
import { createUser, createWorkspace } from "@northstar/db/testing";
import { processEvents } from "@northstar/runtime";
import { createStepDatabase, type StepDatabase } from "@northstar/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Context, createCaller } from "./index";

/** page, screen, group and alias calls sent over the ingestion API show on the customer's timeline. */
describe("Segment calls on the customer timeline", () => {
  let database: StepDatabase;
  let api: ReturnType<typeof createCaller>;
  let writeKey: string;

  beforeAll(async () => {
    database = await createStepDatabase();
    const db = database.t.prisma;
    const ws = await createWorkspace(db, { name: "Acme" });
    const admin = await createUser(db, { workspaceId: ws.id, role: "ADMIN" });
    const context: Context = { db, session: { userId: admin.id }, requestedWorkspaceId: null };
    api = createCaller(context);
    writeKey = (
      await createWriteKey({ db, actor: { userId: admin.id, workspaceId: ws.id, role: "ADMIN" } }, { name: "site" })
    ).secret;
  });
  afterAll(() => database?.close());

  it("lists each call type with what it carries", async () => {
    const batch = [
      { type: "identify", userId: "ada", context: { traits: { email: "ada@example.com" } }, messageId: "i" },
      { type: "page", userId: "ada", name: "Pricing", properties: { path: "/pricing" }, messageId: "p" },
      { type: "screen", userId: "ada", name: "Cart", messageId: "s" },
      { type: "group", userId: "ada", groupId: "acme", traits: { seats: 12 }, messageId: "g" },
      { type: "alias", userId: "ada", previousId: "visitor-9", messageId: "a" },
    ].map((call, i) => ({ ...call, timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    const response = await handleIngestionRequest(
      database.t.prisma,
      "batch",
      new Request("http://localhost/api/v1/batch", {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
        body: JSON.stringify({ batch }),
      }),
    );
    expect(response.status).toBe(200);
    const events = await database.t.prisma.event.findMany({ orderBy: { timestamp: "asc" } });
    for (const event of events) await processEvents({ db: database.t.prisma }, database.withClient, [event.id]);
    const [customer] = (await api.customers.list({})).items;
    expect(customer).toMatchObject({ email: "ada@example.com" });
    const timeline = await api.customers.timeline({ customerId: customer?.id ?? "" });
    expect(timeline.events.map((e) => [e.type, e.name, e.properties, e.traits])).toEqual([
      ["alias", null, { previousId: "visitor-9" }, null],
      ["group", null, { groupId: "acme" }, { seats: 12 }],
      ["screen", "Cart", {}, null],
      ["page", "Pricing", { path: "/pricing" }, null],
      ["identify", null, {}, { email: "ada@example.com" }],
    ]);
  });
});
