import {
  enqueueUnprocessedEvents,
  type LiveGuardrails,
  type LlmConnection,
  rollupCounters,
  settleRewards,
  TASKS,
} from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import type { Logger } from "@northstar/log";
import type { Task } from "graphile-worker";
import { z } from "zod";
import type { ChannelRegistry } from "../channels/registry";
import { defineTask, toGraphileTask } from "../define-task";
import { runStep } from "../execute/run-step";
import { sendMessage } from "../execute/send-message";
import { processEvents } from "../events/process-events";
import type { DecisionPolicy } from "@northstar/engine";

export interface RuntimeDeps {
  db: PrismaClient;
  policy: DecisionPolicy;
  channels: ChannelRegistry;
  workerId: string;
  publicUrl: string;
  sendMaxAttempts: number;
  /** The model that writes briefs per customer (OPENAI_*); without it briefs render from the versioned template. */
  llm?: LlmConnection | null;
  /** The journeys' live guardrails, shared with the decision policy (the daily LLM budget of briefs). */
  liveGuardrails?: LiveGuardrails;
  /** Every brief the model could not write (the template wrote it), with the reason, for the process's log. */
  onBriefFallback?: (event: { enrollmentId: string; stepId: string; reason: string }) => void;
  /** Each job's line (ids, outcome, error); none when absent. */
  log?: Logger;
}

export const processEventsTask = defineTask({
  name: TASKS.processEvents,
  payload: z.object({ eventIds: z.array(z.string().min(1)).min(1).max(1000) }),
  handler: async ({ eventIds }, deps: RuntimeDeps, helpers) => {
    await processEvents({ db: deps.db, workerId: deps.workerId }, helpers.withPgClient, eventIds);
  },
});

export const runStepTask = defineTask({
  name: TASKS.runStep,
  payload: z.object({ enrollmentId: z.string().min(1), seq: z.number().int().min(0) }),
  handler: async (payload, deps: RuntimeDeps, helpers) => {
    return runStep(deps, helpers.withPgClient, payload, helpers.job.locked_by);
  },
});

export const sendMessageTask = defineTask({
  name: TASKS.sendMessage,
  payload: z.object({ messageId: z.string().min(1) }),
  handler: async ({ messageId }, deps: RuntimeDeps, helpers) => {
    return sendMessage({ channels: deps.channels, maxAttempts: deps.sendMaxAttempts }, helpers.withPgClient, messageId);
  },
});

/** Safety net: events stored while the queue was not installed, or whose job was lost, get processed. */
export const sweepEventsTask = defineTask({
  name: "sweep-events",
  payload: z.object({}).loose(),
  handler: async (_payload, deps: RuntimeDeps) => {
    await enqueueUnprocessedEvents(deps.db);
  },
});

/** Folds the step log into the daily edge and node counters (see rollupCounters for why steps do not count). */
export const rollupCountersTask = defineTask({
  name: "rollup-counters",
  payload: z.object({}).loose(),
  handler: async (_payload, deps: RuntimeDeps) => {
    await rollupCounters(deps.db);
  },
});

/** Closes the attribution windows that ended (reward 0 unless the objective is to decrease) and feeds every reward
 * to the learning policy once. */
export const settleRewardsTask = defineTask({
  name: "settle-rewards",
  payload: z.object({}).loose(),
  handler: async (_payload, deps: RuntimeDeps) => {
    await settleRewards(deps.db);
  },
});

export function runtimeTaskList(deps: RuntimeDeps): Record<string, Task> {
  return Object.fromEntries(
    [processEventsTask, runStepTask, sendMessageTask, sweepEventsTask, rollupCountersTask, settleRewardsTask].map(
      (t) => [t.name, toGraphileTask(t as never, deps, deps.log)],
    ),
  );
}

export const RUNTIME_CRONTAB = "* * * * * sweep-events\n* * * * * rollup-counters\n* * * * * settle-rewards";
