import type { Logger } from "@northstar/log";
import type { Task } from "graphile-worker";
import type { z } from "zod";

/**
 * A typed job: the payload is validated with zod before the handler runs; a bad payload fails the job loudly. A
 * handler may return what it did ("queued email to a***@example.test"), which the job's log line carries.
 */
export interface TaskDefinition<S extends z.ZodType, D> {
  name: string;
  payload: S;
  handler: (payload: z.infer<S>, deps: D, helpers: Parameters<Task>[1]) => Promise<unknown>;
}

export function defineTask<S extends z.ZodType, D>(definition: TaskDefinition<S, D>): TaskDefinition<S, D> {
  return definition;
}

/** The ids a job's log lines carry, from its payload: what a person looks up when a line says something failed. */
function idsOf(payload: unknown): Record<string, unknown> {
  if (payload === null || typeof payload !== "object") return {};
  const p = payload as Record<string, unknown>;
  const ids: Record<string, unknown> = {};
  for (const key of ["enrollmentId", "messageId", "simulationId"]) if (typeof p[key] === "string") ids[key] = p[key];
  if (Array.isArray(p.eventIds)) ids.events = p.eventIds.length;
  return ids;
}

/**
 * The graphile-worker task of a definition. With a logger, every run logs one line with the job's id, task, attempt
 * and payload ids: at debug when it completes (routine), at warn when it fails (it will be retried or fail for
 * good), with the error.
 */
export function toGraphileTask<S extends z.ZodType, D>(definition: TaskDefinition<S, D>, deps: D, log?: Logger): Task {
  return async (raw, helpers) => {
    const job = log?.child({
      jobId: String(helpers.job.id),
      task: definition.name,
      attempt: helpers.job.attempts,
      ...idsOf(raw),
    });
    const parsed = definition.payload.safeParse(raw ?? {});
    if (!parsed.success) {
      const error = new Error(`Job ${definition.name} has an invalid payload: ${parsed.error.message}`);
      job?.warn({ err: error }, "job failed");
      throw error;
    }
    const started = performance.now();
    try {
      const outcome = await definition.handler(parsed.data, deps, helpers);
      job?.debug(
        { ms: Math.round(performance.now() - started), ...(typeof outcome === "string" ? { outcome } : {}) },
        "job done",
      );
    } catch (error) {
      job?.warn({ err: error, ms: Math.round(performance.now() - started) }, "job failed");
      throw error;
    }
  };
}
