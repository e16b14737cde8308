import type { Logger } from "@northstar/log";
import { Logger as GraphileLogger } from "graphile-worker";

/** graphile-worker's routine lines: a job done, a cron job queued. Useful when debugging, noise otherwise. */
const ROUTINE = /^(Completed task|Cron:? |Worker connected|Worker pool)/;

/**
 * graphile-worker's own lines through the process's logger: its scope (queue worker, task, job id) becomes fields,
 * routine lines (every completed job, including each heartbeat) go to debug, warnings to warn.
 */
export function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const fields = {
      ...(scope.workerId ? { queueWorkerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: String(scope.jobId) } : {}),
    };
    return (level, message, meta) => {
      const at = level === "warning" ? "warn" : level === "info" && ROUTINE.test(message) ? "debug" : level;
      const { error, ...rest } = (meta ?? {}) as Record<string, unknown>;
      log[at]({ ...fields, ...rest, ...(error ? { err: error } : {}) }, message);
    };
  });
}
