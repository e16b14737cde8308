import { handleIngestionRequest } from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import { describe, expect, it } from "vitest";
import { handleTrpcRequest } from "./http";

// Neither request below reaches the database: an unknown procedure, and an ingestion call without a write key.
const db = {} as PrismaClient;
const context = async () => ({ db, session: null, requestedWorkspaceId: null });
const trpc = (headers: Record<string, string>) =>
  handleTrpcRequest(new Request("http://localhost/api/trpc/nothing.here", { headers }), context as never);
const ingest = (headers: Record<string, string>) =>
  handleIngestionRequest(
    db,
    "track",
    new Request("http://localhost/api/v1/track", { method: "POST", body: "{}", headers }),
  );

describe("request ids of the web app's handlers", () => {
  it("echo the caller's x-request-id on tRPC and ingestion responses", async () => {
    for (const handle of [trpc, ingest]) {
      const response = await handle({ "x-request-id": "edge-proxy-1234" });
      expect(response.headers.get("x-request-id")).toBe("edge-proxy-1234");
    }
  });

  it("make one per request when the caller sent none or an unusable one", async () => {
    for (const handle of [trpc, ingest]) {
      const first = (await handle({})).headers.get("x-request-id");
      const second = (await handle({ "x-request-id": "not a token\u0001" })).headers.get("x-request-id");
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).not.toBe(first);
    }
  });
});
