import type { PrismaClient } from "@northstar/db";
import { requestIdOf, sharedLogger } from "@northstar/log";
import type { z } from "zod";
import { ingestCalls } from "./ingestion";
import {
  batchItemSchema,
  batchSchema,
  INGESTION_LIMITS,
  type IngestCall,
  identifyCallSchema,
  trackCallSchema,
} from "./segment-schema";
import { authenticateWriteKey } from "./write-keys";
import { readLimitedBody } from "../http/read-limited-body";
import type { RateLimiter } from "./rate-limiter";
import { storableIssue } from "./storable-json";

export type IngestionKind = "track" | "identify" | "batch";

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

async function readBody(request: Request, limit: number): Promise<string> {
  const bytes = await readLimitedBody(request, limit);
  if (!bytes) throw new HttpProblem(413, `Request body exceeds ${limit} bytes`);
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

function parseCall(schema: z.ZodType, raw: unknown, type: "track" | "identify" | null, prefix: string): IngestCall {
  const size = Buffer.byteLength(JSON.stringify(raw) ?? "");
  if (size > INGESTION_LIMITS.maxEventBytes) {
    throw new HttpProblem(413, `${prefix || "The call"} exceeds ${INGESTION_LIMITS.maxEventBytes} bytes`);
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

function parseCalls(kind: IngestionKind, body: unknown): IngestCall[] {
  if (kind === "track") return [parseCall(trackCallSchema, body, "track", "")];
  if (kind === "identify") return [parseCall(identifyCallSchema, body, "identify", "")];
  const batch = batchSchema.safeParse(body);
  if (!batch.success) throw new HttpProblem(400, "Invalid batch", fieldErrors(batch.error, ""));
  // Every call is validated before any is stored: a batch is accepted whole or not at all.
  return batch.data.batch.map((item, i) => {
    const withContext =
      batch.data.context && typeof item === "object" && item !== null && !("context" in item)
        ? { ...item, context: batch.data.context }
        : item;
    return parseCall(batchItemSchema, withContext, null, `batch.${i}`);
  });
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

async function ingest(
  db: PrismaClient,
  kind: IngestionKind,
  request: Request,
  options: IngestionOptions,
  requestId: string,
): Promise<Response> {
  try {
    const secret = writeKeyOf(request);
    if (!secret) throw new HttpProblem(401, "Missing write key: send it as the HTTP Basic username");
    const key = await authenticateWriteKey(db, secret);
    if (!key) throw new HttpProblem(401, "Unknown or revoked write key");
    const rate = options.limiter?.take(key.id);
    if (rate && !rate.allowed) {
      const retryAfter = String(rate.retryAfterSeconds);
      throw new HttpProblem(429, `Too many calls for this write key; retry in ${retryAfter} s`, undefined, {
        "retry-after": retryAfter,
      });
    }
    const workspaceId = key.workspaceId;
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
    // Before anything walks it: deep nesting would overflow the stack of JSON.stringify and zod alike.
    const issue = storableIssue(body);
    if (issue) {
      const field = issue.path.join(".") || "body";
      throw new HttpProblem(400, `${field}: ${issue.message}`, { [field]: [issue.message] });
    }
    const calls = parseCalls(kind, body);
    const result = await ingestCalls(db, workspaceId, calls);
    return json(200, { success: true, ...result });
  } catch (error) {
    if (error instanceof HttpProblem) {
      const body = { success: false, error: error.message, fieldErrors: error.fieldErrors ?? null };
      return json(error.status, body, error.headers);
    }
    const code = postgresCode(error);
    const dataError = code ? DATA_ERRORS[code] : undefined;
    if (dataError) {
      return json(400, { success: false, error: `The call ${dataError}`, fieldErrors: { body: [dataError] } });
    }
    sharedLogger("ingestion").error({ requestId, kind, err: error }, "failed to store calls");
    return json(503, { success: false, error: "Could not store the calls; retry" });
  }
}
