import { env } from "@northstar/env";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/** Keys whose values are never written, wherever they appear up to three levels down (pino `redact`). */
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "apiKey",
  "secret",
  "token",
  "authorization",
  "cookie",
  "connectionString",
  "databaseUrl",
  "smtpUrl",
  "writeKey",
  "OPENAI_API_KEY",
  "DATABASE_URL",
  "SMTP_URL",
  "NEXTAUTH_SECRET",
];

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** `scheme://user:password@host` in free text (an error's message quoting a URL) keeps the user, not the password. */
export function scrubCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, "$1[redacted]@");
}

export interface LogOptions {
  /** What the lines are from: "worker", "web". */
  name: string;
  /** LOG_LEVEL (packages/env) when absent. */
  level?: string;
  /** Where lines go (stdout when absent); tests pass a stream they read. */
  destination?: DestinationStream;
}

/**
 * A JSON logger (pino): one line per event, with the fields given at each call and by `child` (job, enrollment,
 * message and request ids), the level from LOG_LEVEL. Secrets are removed by key (REDACTED_PATHS), and passwords
 * in URLs quoted by messages or errors are scrubbed.
 */
export function createLogger(options: LogOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level ?? env().LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: {
      err: (error: unknown) => {
        const serialized = pino.stdSerializers.err(error as Error);
        return {
          ...serialized,
          message: scrubCredentials(serialized.message ?? ""),
          stack: scrubCredentials(serialized.stack ?? ""),
        };
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubCredentials(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

const shared = new Map<string, Logger>();

/** One logger per process part ("web", "ingestion"), created on first use at LOG_LEVEL. */
export function sharedLogger(name: string): Logger {
  let log = shared.get(name);
  if (!log) {
    log = createLogger({ name });
    shared.set(name, log);
  }
  return log;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id a request's lines carry: the caller's `x-request-id` (a proxy's or a client's) when it is a plain token of
 * at most 128 characters, else a new one. Echoed in the response's `x-request-id`.
 */
export function requestIdOf(headers: Headers): string {
  const given = headers.get("x-request-id")?.trim();
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
