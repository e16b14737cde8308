import { type AppErrorCode, isAppError } from "@northstar/core";
import { Prisma } from "@northstar/db";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

/** AppError codes to tRPC codes; tRPC maps those to HTTP statuses (401, 403, 404, 409, 412, 413, 400, 500). */
const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

export type FieldErrors = Record<string, string[]>;

/** The cause of a 429: how long until the caller's allowance comes back (sent as Retry-After). */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds}s`);
    this.name = "RateLimitedError";
  }
}

/** Flattens zod issues into `{ "metric.windowDays": ["Too small: ..."] }`; the form-level key is "". */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Turns domain errors thrown below a procedure into the TRPCError the client sees. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    const cause = error.cause;
    if (isAppError(cause) || cause instanceof ZodError || cause instanceof Prisma.PrismaClientKnownRequestError) {
      return toTRPCError(cause);
    }
    return error;
  }
  if (isAppError(error)) {
    return new TRPCError({ code: TRPC_CODE[error.code], message: error.userMessage, cause: error });
  }
  if (error instanceof ZodError) {
    return new TRPCError({ code: "BAD_REQUEST", message: summarizeZodError(error), cause: error });
  }
  // A findUniqueOrThrow/findFirstOrThrow that found nothing: the row is gone (or never was), not a server fault.
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
    return new TRPCError({ code: "NOT_FOUND", message: "Not found", cause: error });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong", cause: error });
}

export function summarizeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** Extra fields on every error's `data`: field errors for bad input, the domain code and safe details. */
export function errorData(cause: unknown): {
  fieldErrors: FieldErrors | null;
  appCode: string | null;
  details: unknown;
} {
  if (cause instanceof ZodError) return { fieldErrors: fieldErrorsOf(cause), appCode: "BAD_REQUEST", details: null };
  if (cause instanceof RateLimitedError) {
    return { fieldErrors: null, appCode: "TOO_MANY_REQUESTS", details: { retryAfterSeconds: cause.retryAfterSeconds } };
  }
  if (isAppError(cause)) {
    const details = cause.details as { fieldErrors?: FieldErrors } | undefined;
    return { fieldErrors: details?.fieldErrors ?? null, appCode: cause.code, details: cause.details ?? null };
  }
  return { fieldErrors: null, appCode: null, details: null };
}
