import { readLimitedBody } from "@northstar/core";
import { requestIdOf, sharedLogger } from "@northstar/log";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RateLimitedError } from "./errors";
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

/** Serves tRPC over the Fetch API (Next.js route handlers, tests). */
export async function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  const requestId = requestIdOf(req.headers);
  const response = await serveTrpc(req, createContext, requestId);
  response.headers.set("x-request-id", requestId);
  return response;
}

async function serveTrpc(req: Request, createContext: () => Promise<Context>, requestId: string): Promise<Response> {
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = await readLimitedBody(req, MAX_REQUEST_BYTES);
    if (body === null) return payloadTooLarge();
    request = new Request(req.url, { method: req.method, headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext,
    responseMeta({ errors }) {
      const waits = errors.flatMap((e) => (e.cause instanceof RateLimitedError ? [e.cause.retryAfterSeconds] : []));
      return waits.length ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // Name and message only: a whole error object can carry query arguments (customer data, definitions).
        const cause = error.cause ?? error;
        sharedLogger("web").error(
          { requestId, path: path ?? "?", error: `${cause.name}: ${cause.message.split("\n")[0]}` },
          "tRPC procedure failed",
        );
      }
    },
  });
}
