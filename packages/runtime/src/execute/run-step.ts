import {
  type LiveGuardrails,
  type LlmConnection,
  liveGuardrailsReader,
  loadPlan,
  OPEN_ENROLLMENT_STATES,
  postgresBudgetLedger,
} from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
import {
  type CustomerView,
  type DecisionHistoryItem,
  type DecisionPolicy,
  evaluateStep,
  type StepInput,
} from "@northstar/engine";
import { applyOutcome, type ReadEnrollment, type StepJobs } from "./apply-outcome";
import type { ChannelRegistry } from "../channels/registry";
import { deleteEagerJob, type EagerJob, failEagerJob } from "./jobs";
import { sendMessage } from "./send-message";
import { pgPorts } from "./pg-ports";
import { StepSql, sql, type WithClient } from "./step-tx";

export interface RunStepDeps {
  /** Reads published plans (once per version and process: they are immutable). */
  db: PrismaClient;
  policy: DecisionPolicy;
  workerId: string;
  publicUrl: string;
  sendMaxAttempts: number;
  defaultTimeZone?: string;
  /** Briefs are written per customer by this model when set (else by the versioned brief template). */
  llm?: LlmConnection | null;
  /**
   * The journeys' live guardrails, for the daily LLM budget of briefs (shared with the decision policy, so both read
   * the same budget). Default: read at every brief.
   */
  liveGuardrails?: LiveGuardrails;
  /** Every brief the model could not write (the template wrote it), with the reason, for the process's log. */
  onBriefFallback?: (event: { enrollmentId: string; stepId: string; reason: string }) => void;
  /** Where messages go. Without them (tests of steps alone), sends are always left to the send-message task. */
  channels?: ChannelRegistry;
}

type EnrollmentRow = ReadEnrollment & {
  state: string;
  currentStepId: string | null;
  c_email: string | null;
  c_phone: string | null;
  c_timeZone: string | null;
  c_consent: Record<string, unknown> | null;
  c_traits: Record<string, unknown> | null;
  c_unsubscribedAt: Date | null;
  /** [stepId, chosenEdgeId, createdAt (UTC, without zone)] per decision, oldest first. */
  history: [string, string, string][];
};

function customerOf(row: EnrollmentRow): CustomerView {
  return {
    id: row.customerId,
    email: row.c_email,
    phone: row.c_phone,
    timeZone: row.c_timeZone,
    consent: row.c_consent ?? {},
    traits: row.c_traits ?? {},
    unsubscribedAt: row.c_unsubscribedAt,
  };
}

const historyOf = (row: EnrollmentRow): DecisionHistoryItem[] =>
  row.history.map(([stepId, chosenEdgeId, at]) => ({ stepId, chosenEdgeId, at: new Date(`${at}Z`) }));

// One round trip: the enrollment with its row version, its customer and its decisions. Timestamps are
// `timestamp without time zone` holding UTC, read as instants.
const readEnrollment = (id: string) => sql`
  select e.xmin::text as "version", c.xmin::text as "customerVersion", e."id", e."workspaceId", e."journeyId", e."versionId", e."customerId", e."state",
         e."holdout", e."currentStepId", e."seq", e."waitingFor", e."waitUntil" at time zone 'UTC' as "waitUntil",
         e."resumedBy", c."email" as "c_email", c."phone" as "c_phone", c."timeZone" as "c_timeZone",
         c."consent" as "c_consent", c."traits" as "c_traits",
         c."unsubscribedAt" at time zone 'UTC' as "c_unsubscribedAt",
         coalesce((select json_agg(json_build_array(d."stepId", d."chosenEdgeId", d."createdAt") order by d."seq")
                   from "Decision" d where d."enrollmentId" = e."id"), '[]') as "history"
  from "Enrollment" e join "Customer" c on c."id" = e."customerId"
  where e."id" = ${id}`;

/** Reads that found the enrollment changed before their write are repeated; past this, the job fails and retries. */
const MAX_ATTEMPTS = 5;

/**
 * How many steps of one enrollment a job runs in a row (its own, then eager ones): past this, the next step is queued
 * for any worker, so one enrollment stepping through a loop of immediate steps cannot hold a worker indefinitely.
 */
export const MAX_STEPS_PER_JOB = 20;

type StepPayload = { enrollmentId: string; seq: number };

/**
 * Runs one step of one enrollment, then, when it leads straight on to another step, that one too (see below).
 *
 * A step: read the enrollment, check the job is the current transition (`seq`), evaluate the step (packages/engine)
 * and write everything it did in one statement (apply-outcome): the enrollment's move, its log row, decision, send and
 * next job, all conditional on the enrollment being the row version read. That statement is the step's transaction;
 * no lock is held while the step evaluates. When something else changed the enrollment meanwhile (an event resumed or
 * finished it, a duplicate job won), nothing is written and the step reads it again: a duplicate or late job then
 * finds another seq and does nothing. A crash before the write leaves the job to graphile-worker's retry; after it,
 * the retry is stale. `withClient` lends a connection per statement (graphile-worker's `helpers.withPgClient`): none
 * is held while the engine waits on the decision policy or a model writing a brief, so the pool does not bound how
 * many steps wait on a model at once; exactly-once still rests on the conditional write and the job's `seq`.
 *
 * Eager dispatch: given the pool that locked this job (`lockedBy`, graphile-worker's `helpers.job.locked_by`), the
 * next step's job, when it is due at once, is inserted locked for that pool and run here, right after (jobs.ts,
 * `eagerJob`). Every step still has its own job, logged, counted and retried as before; what it saves is the queue's
 * round trip. The eager job is deleted by its step's write; a step that finds nothing to do deletes it on its own;
 * a step that fails unlocks it with graphile-worker's backoff and error, and this job, whose own step is done,
 * succeeds.
 */
export async function runStep(
  deps: RunStepDeps,
  withClient: WithClient,
  payload: StepPayload,
  lockedBy: string | null = null,
): Promise<string> {
  // Statements borrow a connection each (StepSql over withClient): none is held while a model or a provider answers.
  const on = <T>(work: (db: StepSql) => Promise<T>) => work(new StepSql(withClient));
  const eagerSends = deps.channels !== undefined;
  let done = await on((db) => stepOnce(deps, db, payload, { current: null, eagerFor: lockedBy, eagerSends }));
  const described = done.described;
  for (let steps = 1; ; steps++) {
    if (done.send && deps.channels) await eagerSend({ ...deps, channels: deps.channels }, withClient, done.send);
    if (!done.next) break;
    const { job: current, snapshot } = done.next;
    const eagerFor = steps + 1 < MAX_STEPS_PER_JOB ? lockedBy : null;
    const next = { enrollmentId: snapshot.id, seq: snapshot.seq };
    try {
      done = await on((db) => stepOnce(deps, db, next, { current, eagerFor, eagerSends }, snapshot));
    } catch (error) {
      await on((db) => db.rows(failEagerJob(current, messageOf(error))));
      break;
    }
    if (!done.wrote) await on((db) => db.rows(deleteEagerJob(current)));
  }
  return described;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The send a step queued, run by the same worker (between steps: no connection is held during the provider call).
 * Its job ends as the send-message task's would: deleted once the message is delivered or quarantined (by
 * sendMessage, with its record), unlocked with the backoff when the send failed and may be retried.
 */
async function eagerSend(
  deps: RunStepDeps & { channels: ChannelRegistry },
  withClient: WithClient,
  send: { job: EagerJob; messageId: string },
) {
  try {
    await sendMessage(
      { channels: deps.channels, maxAttempts: deps.sendMaxAttempts },
      withClient,
      send.messageId,
      send.job,
    );
  } catch (error) {
    await withClient((client) => new StepSql(client).rows(failEagerJob(send.job, messageOf(error))));
  }
}

interface StepDone {
  described: string;
  /** Whether the step wrote (its eager job, if any, was deleted with its records). */
  wrote: boolean;
  /** The eager job of the send this step queued. */
  send: { job: EagerJob; messageId: string } | null;
  /** The next step's eager job, and the enrollment as this step left it. */
  next: { job: EagerJob; snapshot: EnrollmentRow } | null;
}

/**
 * One step. The enrollment is read, except after a step this worker just wrote (`known`): the row is then the one it
 * wrote, checked by its version like a read one, so that anything that changed it (or its customer) since makes the
 * write match nothing and the step read it again.
 */
async function stepOnce(
  deps: RunStepDeps,
  db: StepSql,
  payload: StepPayload,
  jobs: StepJobs,
  known?: EnrollmentRow,
): Promise<StepDone> {
  const idle = (described: string): StepDone => ({ described, wrote: false, send: null, next: null });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const row = attempt === 1 && known ? known : await db.first<EnrollmentRow>(readEnrollment(payload.enrollmentId));
    if (!row) return idle("missing enrollment");
    if (row.seq !== payload.seq) return idle("stale job");
    if (!OPEN_ENROLLMENT_STATES.includes(row.state as never)) return idle(`enrollment ${row.state}`);
    // The version the customer entered with, even if a newer one was published since.
    const loaded = await loadPlan(deps.db, row.versionId);
    const step = row.currentStepId ? loaded.steps.get(row.currentStepId) : undefined;
    if (!step) throw new Error(`Enrollment ${row.id} is at unknown step ${row.currentStepId}`);
    const customer = customerOf(row);
    const input: StepInput = {
      plan: loaded.plan,
      step,
      enrollment: row,
      customer,
      guardrails: loaded.plan.guardrails,
      now: new Date(),
    };
    // Only a message step may ask the model for a brief: the live settings are read for those alone.
    const live =
      deps.llm && step.kind === "message"
        ? await (deps.liveGuardrails ?? liveGuardrailsReader(deps.db, 0))(row.journeyId)
        : null;
    const { ports, held } = pgPorts(db, {
      policy: deps.policy,
      publicUrl: deps.publicUrl,
      defaultTimeZone: deps.defaultTimeZone ?? "UTC",
      enrollmentId: row.id,
      seq: row.seq,
      customer,
      history: historyOf(row),
      guardrails: input.guardrails,
      llm:
        live && deps.llm
          ? {
              settings: deps.llm,
              budget: postgresBudgetLedger(deps.db, row.workspaceId),
              dailyBudgetUsd: live.guardrails.dailyLlmBudgetUsd,
              modelDataPolicy: live.modelDataPolicy,
              objective: { name: loaded.plan.objective.name, description: live.objectiveDescription || undefined },
            }
          : null,
      ...(deps.onBriefFallback
        ? {
            onBriefFallback: ({ stepId, reason }: { stepId: string; reason: string }) =>
              deps.onBriefFallback?.({ enrollmentId: row.id, stepId, reason }),
          }
        : {}),
    });
    const outcome = await evaluateStep(input, ports);
    const applied = await applyOutcome(db, deps, row, input, outcome, { held: held() }, jobs);
    if (applied !== null) {
      const { next } = applied;
      const decision = outcome.decision;
      return {
        described: applied.described,
        wrote: true,
        send: applied.send,
        next: next && {
          job: next.job,
          snapshot: {
            ...row,
            version: next.version,
            customerVersion: next.customerVersion ?? row.customerVersion,
            state: "ACTIVE",
            currentStepId: next.stepId,
            seq: row.seq + 1,
            waitUntil: null,
            waitingFor: null,
            resumedBy: null,
            // As the read would return it: the decision's time in UTC, without a zone.
            history: decision
              ? [...row.history, [decision.stepId, decision.chosenEdgeId, input.now.toISOString().slice(0, -1)]]
              : row.history,
          },
        },
      };
    }
  }
  throw new Error(`Enrollment ${payload.enrollmentId} kept changing while its step ran; the job will retry`);
}
