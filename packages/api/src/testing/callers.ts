import type { PrismaClient } from "@northstar/db";
import { handleTrpcRequest } from "../http";
import { createCaller } from "../root";
import type { Context } from "../trpc";

/** A caller as the given user (or anonymous), exactly as the web app's route handler builds it. */
export function callerFor(db: PrismaClient, userId: string | null, requestedWorkspaceId: string | null = null) {
  return createCaller({ db, session: userId ? { userId } : null, requestedWorkspaceId });
}

/** Calls a procedure over HTTP through the same handler the Next.js route uses; returns status and JSON body. */
export async function callHttp(
  context: Context,
  procedure: string,
  input: unknown,
  init: { method?: "GET" | "POST"; rawBody?: string } = {},
) {
  const { status, body } = await callHttpWithHeaders(context, procedure, input, init);
  return { status, body };
}

/** callHttp with the response's headers too. */
export async function callHttpWithHeaders(
  context: Context,
  procedure: string,
  input: unknown,
  init: { method?: "GET" | "POST"; rawBody?: string } = {},
) {
  const method = init.method ?? "POST";
  const url = new URL(`http://localhost/api/trpc/${procedure}`);
  if (method === "GET") url.searchParams.set("input", JSON.stringify({ json: input }));
  const body = method === "POST" ? (init.rawBody ?? JSON.stringify({ json: input })) : undefined;
  const response = await handleTrpcRequest(
    new Request(url, { method, body, headers: { "content-type": "application/json" } }),
    async () => context,
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as TrpcHttpBody };
}

export interface TrpcHttpBody {
  result?: { data: { json: unknown } };
  error?: {
    json?: {
      message: string;
      data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; details: unknown };
    };
    message?: string;
  };
}
