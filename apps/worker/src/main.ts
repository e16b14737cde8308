import { getDb } from "@northstar/db";
import { env } from "@northstar/env";
import { createLogger } from "@northstar/log";
import { startWorker } from "./worker";

const config = env();
const log = createLogger({ name: "worker" });
if (!config.DATABASE_URL) {
  log.error("DATABASE_URL is not set: start the worker through `pnpm dev` / `pnpm serve`, or set it.");
  process.exit(1);
}

const runner = await startWorker({
  connectionString: config.DATABASE_URL,
  db: getDb(),
  concurrency: config.WORKER_CONCURRENCY,
  publicUrl: config.PUBLIC_URL ?? config.NEXTAUTH_URL,
  smtpUrl: config.SMTP_URL,
  emailFrom: config.EMAIL_FROM,
  unsubscribeMailto: config.UNSUBSCRIBE_MAILTO,
  webhookAllowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  sendMaxAttempts: config.SEND_MAX_ATTEMPTS,
  heartbeatMs: config.WORKER_HEARTBEAT_SECONDS * 1000,
  staleAfterMs: config.WORKER_STALE_AFTER_SECONDS * 1000,
  llm: config.OPENAI_API_KEY
    ? { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL }
    : null,
  ...(config.WORKER_ID ? { workerId: config.WORKER_ID } : {}),
  log,
});
// The SMTP URL may hold a password: log only whether one is configured.
log.info(
  {
    concurrency: config.WORKER_CONCURRENCY,
    email: config.SMTP_URL ? "smtp" : "outbox",
    agents: config.OPENAI_API_KEY ? `learning and ${config.OPENAI_MODEL}` : "learning (no LLM configured)",
  },
  "worker running",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "finishing running jobs before exit");
    void runner
      .stop()
      .then(() => getDb().$disconnect())
      .then(() => process.exit(0));
  });
}
await runner.promise;
