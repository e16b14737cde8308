import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import {
  handleIngestionRequest,
  ingestionKindOf,
  ingestionPreflight,
  recordTracking,
  TRACKING_PIXEL,
} from "@northstar/core";
import type { PrismaClient } from "@northstar/db";

/**
 * A real HTTP server on 127.0.0.1 exposing the same handlers as the web app's /api/v1/[call] and /t/* routes (same path-to-call mapping), for
 * integration tests and the benchmark (no Next.js build needed).
 */
export async function startIngestionServer(db: PrismaClient): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const ingest = url.pathname.match(/^\/api\/v1\/([a-z]+)$/);
      const kind = ingest ? ingestionKindOf(ingest[1] ?? "") : null;
      if (kind && (req.method === "POST" || req.method === "OPTIONS")) {
        const request = new Request(url, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          ...(req.method === "POST" ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
        } as RequestInit);
        const response =
          req.method === "OPTIONS" ? ingestionPreflight(request) : await handleIngestionRequest(db, kind, request);
        // A refused body may be unread: close the connection rather than leave the rest on a keep-alive socket.
        const close = response.status === 413 ? { connection: "close" } : {};
        res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...close });
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      const track = url.pathname.match(/^\/t\/(o|c|u)\/([^/]+)(?:\/(\d+))?$/);
      if (track) {
        const kind = track[1] === "o" ? "open" : track[1] === "c" ? "click" : "unsubscribe";
        const outcome = await recordTracking(db, kind, track[2] ?? "", track[3] ? Number(track[3]) : undefined);
        if (kind === "open") res.writeHead(200, { "content-type": "image/gif" }).end(TRACKING_PIXEL);
        else if (kind === "click" && outcome.redirectTo) res.writeHead(302, { location: outcome.redirectTo }).end();
        else res.writeHead(outcome.found ? 200 : 404).end(outcome.found ? "unsubscribed" : "not found");
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
