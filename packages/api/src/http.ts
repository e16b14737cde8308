import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import type { Context } from "./trpc";

export const TRPC_ENDPOINT = "/api/trpc";
/** Bodies above this are refused with 413 before any procedure runs. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

function payloadTooLarge(): Response {
  const message = `Request body exceeds the limit of ${MAX_REQUEST_BYTES} bytes`;
  return Response.json(
    { error: { message, code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } },
    {
      status: 413,
    },
  );
}

/** Reads the body with a byte limit, whatever Content-Length claims; null when over the limit. */
async function readLimited(req: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REQUEST_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Serves tRPC over the Fetch API (Next.js route handlers, tests). */
export async function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (Number(req.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) return payloadTooLarge();
    const body = await readLimited(req);
    if (body === null) return payloadTooLarge();
    request = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // Name and message only: a whole error object can carry query arguments (customer data, definitions).
        const cause = error.cause ?? error;
        console.error(`tRPC ${path ?? "?"} failed: ${cause.name}: ${cause.message.split("\n")[0]}`);
      }
    },
  });
}
