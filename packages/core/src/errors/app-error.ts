/**
 * The one error type of the domain. `message` is for logs; `userMessage` is safe to show to people.
 * The API maps `code` to an HTTP status and a tRPC code in one place (packages/api/src/errors.ts).
 */
export const APP_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export interface AppErrorOptions {
  userMessage?: string;
  /** Structured details safe for clients (e.g. field errors, diagnostics). */
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? message;
    this.details = options.details;
  }

  static notFound(entity: string, id: string): AppError {
    return new AppError("NOT_FOUND", `${entity} ${id} not found in this workspace`, {
      userMessage: `${entity} not found`,
    });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
