import { type DeliveryResult, DeliveryError, deliveryFailureOf, type OutgoingMessage } from "../channels/channel";
import type { ChannelRegistry } from "../channels/registry";
import { deleteEagerJob, type EagerJob } from "./jobs";
import { type Sql, StepSql, sql, type WithClient } from "./step-tx";

export interface SendDeps {
  channels: ChannelRegistry;
  maxAttempts: number;
}

const TERMINAL = ["SENT", "STORED", "QUARANTINED", "DROPPED"];

const clip = (text: string) => text.slice(0, 1000);

type Claimed = OutgoingMessage & { attempts: number };

/**
 * Whether the message comes from a marketing step: the purpose is read from the published plan of its enrollment
 * (immutable, so this is what the step was compiled with). A message with no step to read it from counts as
 * marketing, the side that carries the unsubscribe headers.
 */
const MARKETING = sql`coalesce((select s."config"->>'purpose' = 'marketing'
    from "Enrollment" en join "JourneyVersion" v on v."id" = en."versionId",
      jsonb_to_recordset(v."plan"->'steps') as s("id" text, "config" jsonb)
    where en."id" = "Message"."enrollmentId" and s."id" = "Message"."stepId" limit 1), true)`;

/** Claims the message for delivery in one statement: PENDING or FAILED becomes SENDING, with one more attempt. */
const claim = (id: string, now: Date) => sql`
  update "Message" set "status" = 'SENDING', "attempts" = "attempts" + 1, "updatedAt" = ${now}
  where "id" = ${id} and not ("status" = any(${["SENDING", ...TERMINAL]}::text[]))
  returning "id", "workspaceId", "idempotencyKey", "channel", "to", "subject", "body", "text", "attempts",
    case when "channel" = 'email' and ${MARKETING} then "trackingToken" end as "unsubscribeToken"`;

/** Updates a message still SENDING (a manager's QUARANTINED or DROPPED is never overwritten). */
const whileSending = (id: string, set: Sql) => sql`
  update "Message" set ${set} where "id" = ${id} and "status" = 'SENDING' returning "status"`;

/** A final update that also completes the send's eager job (see run-step), in the same statement. */
const completing = (statement: Sql, job: EagerJob | undefined) =>
  job ? sql`with recorded as (${statement}), job_done as (${deleteEagerJob(job)}) select * from recorded` : statement;

const INTERRUPTED = "Interrupted during delivery: the provider may or may not have it. Retry only after checking.";

/**
 * Delivers one outbox message at most once. The claim (status SENDING) commits before the provider is called; a
 * job that finds SENDING knows an earlier attempt died mid-delivery and cannot tell whether the provider got it, so
 * it quarantines the message for a manager instead of risking a second send.
 *
 * Only the provider call is guarded. A failure before anything was handed over (DeliveryError `not-sent`) retries
 * with graphile-worker's exponential backoff until maxAttempts, then quarantines; a failure where delivery is
 * unknown (timeout or reset after sending, webhook 5xx, any unclassified error) quarantines at once. When the
 * provider accepted but recording it fails, the message is left SENDING and the error propagates: the retry finds
 * SENDING and quarantines, never sending twice. Every update after the claim is conditional on SENDING, so a
 * manager's QUARANTINED or DROPPED is never overwritten.
 *
 * Each step is one statement on plain `pg` (claim, then record): two round trips for a delivered message. Given the
 * send's eager `job` (run-step runs the sends its steps queue), every outcome but a retry deletes it, as graphile-worker
 * completes a job; a retry is left to the caller, which unlocks it with the backoff.
 */
export async function sendMessage(
  deps: SendDeps,
  withClient: WithClient,
  messageId: string,
  job?: EagerJob,
): Promise<string> {
  const message = await withClient(async (client) => {
    const db = new StepSql(client);
    const claimed = await db.first<Claimed>(claim(messageId, new Date()));
    if (claimed) return claimed;
    const now = new Date();
    const interrupted = await db.first<{ status: string }>(
      whileSending(
        messageId,
        sql`"status" = 'QUARANTINED', "quarantinedAt" = ${now}, "lastError" = ${INTERRUPTED},
        "updatedAt" = ${now}`,
      ),
    );
    if (job) await db.rows(deleteEagerJob(job));
    if (interrupted) return interrupted.status;
    const row = await db.first<{ status: string }>(sql`select "status" from "Message" where "id" = ${messageId}`);
    return row?.status ?? "missing";
  });
  if (typeof message === "string") return message;

  const adapter = deps.channels.adapters[message.channel];
  const { attempts, ...outgoing } = message;
  let result: DeliveryResult;
  try {
    if (!adapter) throw new DeliveryError(`No adapter for channel ${message.channel}`, "not-sent");
    result = await adapter.send(outgoing);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unknown = deliveryFailureOf(error) === "unknown";
    const exhausted = attempts >= deps.maxAttempts;
    const now = new Date();
    if (unknown || exhausted) {
      const why = unknown
        ? `Delivery unknown, not retried: check with the provider before resending. ${reason}`
        : reason;
      await withClient((client) =>
        new StepSql(client).rows(
          completing(
            whileSending(
              messageId,
              sql`"status" = 'QUARANTINED', "quarantinedAt" = ${now}, "lastError" = ${clip(why)},
              "updatedAt" = ${now}`,
            ),
            job,
          ),
        ),
      );
      return "QUARANTINED";
    }
    await withClient((client) =>
      new StepSql(client).rows(
        whileSending(messageId, sql`"status" = 'FAILED', "lastError" = ${clip(reason)}, "updatedAt" = ${now}`),
      ),
    );
    throw new Error(`Send of ${messageId} failed (attempt ${attempts}/${deps.maxAttempts}): ${reason}`);
  }

  // The provider has it. From here on nothing may lead to a second send: if this update fails, the message stays
  // SENDING and the retry quarantines it.
  const now = new Date();
  return withClient(async (client) => {
    const db = new StepSql(client);
    const recorded = await db.first<{ status: string }>(
      completing(
        whileSending(
          messageId,
          sql`"status" = ${result.status}, "provider" = ${result.provider},
          "providerMessageId" = ${result.providerMessageId}, "sentAt" = ${now}, "lastError" = null, "updatedAt" = ${now}`,
        ),
        job,
      ),
    );
    if (recorded) return recorded.status;
    if (job) await db.rows(deleteEagerJob(job));
    // A manager quarantined or dropped it meanwhile: theirs stands.
    const row = await db.first<{ status: string }>(sql`select "status" from "Message" where "id" = ${messageId}`);
    return row?.status ?? "missing";
  });
}
