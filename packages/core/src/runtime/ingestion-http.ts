import type { PrismaClient } from "@northstar/db";
import { requestIdOf, sharedLogger } from "@northstar/log";
import type { z } from "zod";
import { ingestCalls } from "./ingestion";
import { BodyDecodeError, readDecodedBody } from "../http/read-decoded-body";
import { callShapeIssue } from "./ingestion-limits";
import type { RateLimiter } from "./rate-limiter";
import {
  batchItemSchema,
  batchSchema,
  CALL_TYPES,
  type CallType,
  callSchemaOf,
  INGESTION_LIMITS,
  type IngestCall,
} from "./segment-schema";
import { type StorableIssue, storableIssue } from "./storable-json";
import { authenticateWriteKey } from "./write-keys";

export type IngestionKind = CallType | "batch";

/**
 * The kind of call a path segment of `/api/v1/<segment>` names, or null: the call types and `batch`, and the
 * one-letter paths Segment's browser library posts to (`/t`, `/i`, `/p`, `/s`, `/g`, `/a`, `/b`).
 */
export function ingestionKindOf(segment: string): IngestionKind | null {
  const kinds: readonly IngestionKind[] = [...CALL_TYPES, "batch"];
  const kind = kinds.find((k) => k === segment || (segment.length === 1 && k.startsWith(segment)));
  return kind ?? null;
}

export interface IngestionOptions {
  /** Calls per write key; none means unlimited (tests and benchmarks). The web app passes the configured one. */
  limiter?: RateLimiter;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The write key is the Basic username (Segment senders send "key:"); a bare key is accepted too. */
function writeKeyOf(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const [scheme, value] = header.split(" ", 2);
  if (!value || scheme?.toLowerCase() !== "basic") return null;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const key = decoded.split(":", 1)[0]?.trim();
  return key ? key : null;
}

/** The `writeKey` field of the body, where analytics.js puts it on `text/plain` requests (no preflight). */
function bodyWriteKeyOf(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const key = (body as Record<string, unknown>).writeKey;
  return typeof key === "string" && key.trim() ? key.trim() : null;
}

async function readBody(request: Request, limit: number): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readDecodedBody(request, limit);
  } catch (error) {
    if (error instanceof BodyDecodeError) {
      throw new HttpProblem(error.status, error.message, error.status === 400 ? { body: [error.message] } : undefined);
    }
    throw error;
  }
  try {
    // Fatal: a replacement character would silently stand in for the sender's bytes.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(400, "body: is not valid UTF-8", { body: ["is not valid UTF-8"] });
  }
}

function fieldErrors(error: z.ZodError, prefix: string): Record<string, string[]> {
  // A Map: a field named like an Object.prototype member must not find that member.
  const out = new Map<string, string[]>();
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}

function issueProblem(issue: StorableIssue, prefix: string): HttpProblem {
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
  return new HttpProblem(400, `${field}: ${issue.message}`, { [field]: [issue.message] });
}

function parseCall(schema: z.ZodType, raw: unknown, type: CallType | null, prefix: string): IngestCall {
  // Shape limits first, iteratively: deep nesting would overflow the stack of JSON.stringify and zod alike.
  const shape = callShapeIssue(raw);
  if (shape) throw issueProblem(shape, prefix);
  const storable = storableIssue(raw);
  if (storable) throw issueProblem(storable, prefix);
  const size = Buffer.byteLength(JSON.stringify(raw) ?? "");
  if (size > INGESTION_LIMITS.maxEventBytes) {
    const message = `exceeds the limit of ${INGESTION_LIMITS.maxEventBytes} bytes per call`;
    throw new HttpProblem(413, `${prefix || "The call"} ${message}`, { [prefix || "body"]: [message] });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, prefix);
    const first = Object.entries(errors)[0];
    throw new HttpProblem(400, first ? `${first[0]}: ${first[1][0]}` : "Invalid call", errors);
  }
  const call = parsed.data as IngestCall;
  return (type ? { ...call, type } : call) as IngestCall;
}

/** A call of a batch that was refused, by its index; the other calls are stored. */
export interface RefusedCall {
  index: number;
  status: number;
  error: string;
  fieldErrors: Record<string, string[]> | null;
}

interface ParsedCalls {
  calls: IngestCall[];
  refused: RefusedCall[];
}

function parseCalls(kind: IngestionKind, body: Record<string, unknown>): ParsedCalls {
  if (kind !== "batch") return { calls: [parseCall(callSchemaOf[kind], body, kind, "")], refused: [] };
  const { batch: items, ...envelope } = body;
  const envelopeIssue = callShapeIssue(envelope) ?? storableIssue(envelope);
  if (envelopeIssue) throw issueProblem(envelopeIssue, "");
  const batch = batchSchema.safeParse(body);
  if (!batch.success) {
    const errors = fieldErrors(batch.error, "");
    const first = Object.entries(errors)[0];
    throw new HttpProblem(400, first ? `${first[0]}: ${first[1][0]}` : "Invalid batch", errors);
  }
  const { context, integrations, sentAt } = batch.data;
  const calls: IngestCall[] = [];
  const refused: RefusedCall[] = [];
  // Each call stands alone: a bad one is reported by its index and the others are stored, as Segment does.
  batch.data.batch.forEach((item, index) => {
    try {
      const isObject = typeof item === "object" && item !== null && !Array.isArray(item);
      const call = parseCall(batchItemSchema, item, null, `batch.${index}`);
      const inherited = {
        ...(context && isObject && !("context" in item) ? { context } : {}),
        ...(integrations && !call.integrations ? { integrations } : {}),
        ...(sentAt && !call.sentAt ? { sentAt } : {}),
      };
      calls.push({ ...call, ...inherited } as IngestCall);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      refused.push({ index, status: error.status, error: error.message, fieldErrors: error.fieldErrors ?? null });
    }
  });
  return { calls, refused };
}

/**
 * PostgreSQL data errors: the input itself cannot be stored (22P05 untranslatable character, e.g. a lone surrogate
 * escape in JSON; 22021 invalid byte sequence; 22P02 invalid text representation). Retrying cannot help, so they
 * are the sender's 400, not our 503.
 */
const DATA_ERRORS: Record<string, string> = {
  "22P05": "contains a character PostgreSQL cannot store (such as \\u0000 or an unpaired surrogate)",
  "22021": "contains an invalid byte sequence",
  "22P02": "contains a value PostgreSQL cannot read",
};

/** The SQLSTATE of a database error, wherever Prisma and its driver adapter put it. */
export function postgresCode(error: unknown, depth = 0): string | null {
  if (typeof error !== "object" || error === null || depth > 5) return null;
  const record = error as Record<string, unknown>;
  for (const field of ["originalCode", "code"]) {
    const value = record[field];
    if (typeof value === "string" && /^[0-9A-Z]{5}$/.test(value) && !value.startsWith("P")) return value;
  }
  for (const field of ["cause", "meta", "driverAdapterError"]) {
    const found = postgresCode(record[field], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The Segment-compatible ingestion endpoint: 401 without a valid write key, 429 with Retry-After past the key's rate,
 * 413 for oversize, 400 naming the field for anything that could not be stored exactly as sent, 200 only once the
 * calls are stored.
 */
export async function handleIngestionRequest(
  db: PrismaClient,
  kind: IngestionKind,
  request: Request,
  options: IngestionOptions = {},
): Promise<Response> {
  const requestId = requestIdOf(request.headers);
  const response = await ingest(db, kind, request, options, requestId);
  response.headers.set("x-request-id", requestId);
  return response;
}

/** CORS headers for a browser sender on `origin`: Segment's answer, any origin, unless the key names its origins. */
function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "retry-after, x-request-id",
    vary: "Origin",
  };
}

/**
 * The answer to a browser's preflight. The key is not known yet (a preflight carries no credentials), so the
 * origin check happens on the call itself, which a browser only lets the page read with these headers.
 */
export function ingestionPreflight(request: Request): Response {
  const origin = request.headers.get("origin");
  const requested = request.headers.get("access-control-request-headers");
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": requested ?? "authorization, content-type, content-encoding",
      "access-control-max-age": "86400",
      vary: "Origin, Access-Control-Request-Headers",
    },
  });
}

async function ingest(
  db: PrismaClient,
  kind: IngestionKind,
  request: Request,
  options: IngestionOptions,
  requestId: string,
): Promise<Response> {
  const origin = request.headers.get("origin");
  let cors = corsHeaders(origin);
  try {
    // A key in the Authorization header is checked before the body is read; analytics.js's `text/plain` calls
    // carry it in the body instead.
    const headerKey = writeKeyOf(request);
    let key = headerKey ? await authenticateWriteKey(db, headerKey) : null;
    if (headerKey && !key) throw new HttpProblem(401, "Unknown or revoked write key");
    const text = await readBody(request, INGESTION_LIMITS.maxRequestBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, "Body must be JSON", { body: ["is not valid JSON"] });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new HttpProblem(400, "Body must be a JSON object", { body: ["must be a JSON object"] });
    }
    if (!key) {
      const bodyKey = bodyWriteKeyOf(body);
      if (!bodyKey) {
        throw new HttpProblem(401, "Missing write key: send it as the HTTP Basic username or as writeKey in the body");
      }
      key = await authenticateWriteKey(db, bodyKey);
      if (!key) throw new HttpProblem(401, "Unknown or revoked write key");
    }
    if (origin && key.allowedOrigins.length > 0 && !key.allowedOrigins.includes(origin)) {
      cors = {};
      throw new HttpProblem(403, `Origin ${origin} is not allowed for this write key`);
    }
    const rate = options.limiter?.take(key.id);
    if (rate && !rate.allowed) {
      const retryAfter = String(rate.retryAfterSeconds);
      throw new HttpProblem(429, `Too many calls for this write key; retry in ${retryAfter} s`, undefined, {
        "retry-after": retryAfter,
      });
    }
    const { calls, refused } = parseCalls(kind, body as Record<string, unknown>);
    if (calls.length === 0) {
      // Nothing in the batch could be stored: the request itself is refused, still naming each call.
      const status = refused.every((call) => call.status === 413) ? 413 : 400;
      const first = refused[0];
      const fields = Object.fromEntries(refused.flatMap((call) => Object.entries(call.fieldErrors ?? {})));
      const error = first?.error ?? "Invalid batch";
      return json(status, { success: false, error, fieldErrors: fields, refused }, cors);
    }
    const result = await ingestCalls(db, key.workspaceId, calls);
    return json(200, { success: true, ...result, ...(kind === "batch" ? { refused } : {}) }, cors);
  } catch (error) {
    if (error instanceof HttpProblem) {
      const body = { success: false, error: error.message, fieldErrors: error.fieldErrors ?? null };
      return json(error.status, body, { ...cors, ...error.headers });
    }
    const code = postgresCode(error);
    const dataError = code ? DATA_ERRORS[code] : undefined;
    if (dataError) {
      return json(400, { success: false, error: `The call ${dataError}`, fieldErrors: { body: [dataError] } }, cors);
    }
    sharedLogger("ingestion").error({ requestId, kind, err: error }, "failed to store calls");
    return json(503, { success: false, error: "Could not store the calls; retry" }, cors);
  }
}
