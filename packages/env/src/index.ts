import { z } from "zod";

/**
 * The one place that reads process.env. Every variable is documented in .env.example.
 * Parsed lazily on first use so that a bad value fails at startup with a message naming the variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
  /** Integration tests: an admin URL of a Postgres server to create test databases on (default: an embedded one). */
  TEST_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  NORTHSTAR_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The app's public base URL; http://localhost:<PORT> when unset. */
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(60 * 60 * 24 * 7),
  /** A session unused for this long ends, whatever its maximum age. */
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(60 * 60 * 8),
  /** Changes (tRPC mutations) one user may make per minute, across all web processes. */
  MUTATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  SMTP_URL: z.url().optional(),
  /** From address of outgoing email. */
  EMAIL_FROM: z.string().min(3).default("Northstar <no-reply@northstar.local>"),
  /** Public base URL of tracking links in email (open pixel, clicks, unsubscribe); NEXTAUTH_URL when unset. */
  PUBLIC_URL: z.url().optional(),
  /** A mailbox that takes unsubscribe requests, listed in marketing email's List-Unsubscribe after the https URL. */
  UNSUBSCRIBE_MAILTO: z.email("must be an email address").optional(),
  /**
   * Ingestion calls (requests to /api/v1) one write key may make per second, in each web process (an in-memory token
   * bucket), and how many it may make at once; beyond them, 429 with Retry-After.
   */
  INGESTION_RATE_PER_SECOND: z.coerce.number().positive().max(100_000).default(250),
  INGESTION_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  /** Let journey webhooks reach loopback, private and link-local addresses (off: public receivers only). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .default("false")
    .transform((v) => v === "true"),
  /** Delivery attempts of one message before it goes to quarantine. */
  SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(5),
  /** Worker liveness: how often a worker process beats, and after how long a silent one's jobs are released. */
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  WORKER_STALE_AFTER_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** Name of this worker process in heartbeats (default host:pid). */
  WORKER_ID: z.string().min(1).max(200).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = Omit<z.infer<typeof schema>, "NEXTAUTH_URL"> & { NEXTAUTH_URL: string };

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings in .env files mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return { ...result.data, NEXTAUTH_URL: result.data.NEXTAUTH_URL ?? `http://localhost:${result.data.PORT}` };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For launchers that set variables for child processes and tests that change them. */
export function resetEnvCache(): void {
  cached = undefined;
}
