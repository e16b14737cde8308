import { getDb } from "@northstar/db";
import { env } from "@northstar/env";
import { startWorker } from "./worker";

const config = env();
if (!config.DATABASE_URL) {
  console.error("DATABASE_URL is not set: start the worker through `pnpm dev` / `pnpm serve`, or set it.");
  process.exit(1);
}

const runner = await startWorker({
  connectionString: config.DATABASE_URL,
  db: getDb(),
  concurrency: config.WORKER_CONCURRENCY,
});
console.log(`worker: running with concurrency ${config.WORKER_CONCURRENCY}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`worker: ${signal} received, finishing running jobs`);
    void runner
      .stop()
      .then(() => getDb().$disconnect())
      .then(() => process.exit(0));
  });
}
await runner.promise;
