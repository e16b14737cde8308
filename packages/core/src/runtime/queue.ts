import type { Prisma, PrismaClient } from "@northstar/db";

/** Task names shared by the enqueuers (core) and the handlers (packages/runtime). */
export const TASKS = {
  processEvents: "process-events",
  runStep: "run-step",
  sendMessage: "send-message",
} as const;

type Sql = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

export interface EnqueueOptions {
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a graphile-worker job inside the caller's transaction, so the job exists if and only if the state change
 * that needs it committed. That is what makes a crash between "write state" and "enqueue" impossible.
 */
export async function enqueue(sql: Sql, task: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
  await sql.$executeRaw`select graphile_worker.add_job(
    identifier => ${task},
    payload => ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null}::text
  )`;
}

let installed: boolean | undefined;

/**
 * Whether graphile-worker's schema exists (the worker installs it when it starts). Ingestion stores events either
 * way; when the queue is missing, the worker's sweep enqueues the unprocessed events once it runs.
 */
export async function queueInstalled(db: PrismaClient | Sql): Promise<boolean> {
  if (installed) return true;
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    select to_regprocedure('graphile_worker.add_job(text,json,text,timestamptz,integer,text,integer,text[],text)') is not null as ok`;
  installed = rows[0]?.ok === true ? true : undefined;
  return installed === true;
}

export function stepJobKey(enrollmentId: string): string {
  return `step:${enrollmentId}`;
}
