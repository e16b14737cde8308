import type { PrismaClient } from "@northstar/db";
import { type DeliveryResult, DeliveryError, deliveryFailureOf } from "../channels/channel";
import type { ChannelRegistry } from "../channels/registry";

export interface SendDeps {
  db: PrismaClient;
  channels: ChannelRegistry;
  maxAttempts: number;
}

const TERMINAL = ["SENT", "STORED", "QUARANTINED", "DROPPED"];

const clip = (text: string) => text.slice(0, 1000);

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
 */
export async function sendMessage(deps: SendDeps, messageId: string): Promise<string> {
  const { db } = deps;
  const claimed = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; attempts: number }[]>`
      select "status", "attempts" from "Message" where "id" = ${messageId} for update`;
    const row = rows[0];
    if (!row || TERMINAL.includes(row.status)) return row ? row.status : "missing";
    if (row.status === "SENDING") {
      await tx.message.update({
        where: { id: messageId },
        data: {
          status: "QUARANTINED",
          quarantinedAt: new Date(),
          lastError: "Interrupted during delivery: the provider may or may not have it. Retry only after checking.",
        },
      });
      return "QUARANTINED";
    }
    await tx.message.update({ where: { id: messageId }, data: { status: "SENDING", attempts: { increment: 1 } } });
    return "CLAIMED";
  });
  if (claimed !== "CLAIMED") return claimed;

  const message = await db.message.findUniqueOrThrow({ where: { id: messageId } });
  const adapter = deps.channels.adapters[message.channel];
  const stillSending = { id: messageId, status: "SENDING" };
  let result: DeliveryResult;
  try {
    if (!adapter) throw new DeliveryError(`No adapter for channel ${message.channel}`, "not-sent");
    result = await adapter.send(message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unknown = deliveryFailureOf(error) === "unknown";
    const exhausted = message.attempts >= deps.maxAttempts;
    if (unknown || exhausted) {
      const why = unknown
        ? `Delivery unknown, not retried: check with the provider before resending. ${reason}`
        : reason;
      await db.message.updateMany({
        where: stillSending,
        data: { status: "QUARANTINED", quarantinedAt: new Date(), lastError: clip(why) },
      });
      return "QUARANTINED";
    }
    await db.message.updateMany({ where: stillSending, data: { status: "FAILED", lastError: clip(reason) } });
    throw new Error(`Send of ${messageId} failed (attempt ${message.attempts}/${deps.maxAttempts}): ${reason}`);
  }

  // The provider has it. From here on nothing may lead to a second send: if this update fails, the message stays
  // SENDING and the retry quarantines it.
  const recorded = await db.message.updateMany({
    where: stillSending,
    data: {
      status: result.status,
      provider: result.provider,
      providerMessageId: result.providerMessageId,
      sentAt: new Date(),
      lastError: null,
    },
  });
  if (recorded.count === 1) return result.status;
  // A manager quarantined or dropped it meanwhile: theirs stands.
  const now = await db.message.findUnique({ where: { id: messageId }, select: { status: true } });
  return now?.status ?? "missing";
}
