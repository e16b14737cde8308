import type { PrismaClient } from "@northstar/db";
import type { ChannelRegistry } from "../channels/registry";

export interface SendDeps {
  db: PrismaClient;
  channels: ChannelRegistry;
  maxAttempts: number;
}

const TERMINAL = ["SENT", "STORED", "QUARANTINED", "DROPPED"];

/**
 * Delivers one outbox message at most once. The claim (status SENDING) commits before the provider is called; a
 * job that finds SENDING knows an earlier attempt died mid-delivery and cannot tell whether the provider got it, so
 * it quarantines the message for a manager instead of risking a second send. Errors retry with graphile-worker's
 * exponential backoff until maxAttempts, then quarantine.
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
  try {
    if (!adapter) throw new Error(`No adapter for channel ${message.channel}`);
    const result = await adapter.send(message);
    await db.message.update({
      where: { id: messageId },
      data: {
        status: result.status,
        provider: result.provider,
        providerMessageId: result.providerMessageId,
        sentAt: new Date(),
        lastError: null,
      },
    });
    return result.status;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const exhausted = message.attempts >= deps.maxAttempts;
    await db.message.update({
      where: { id: messageId },
      data: exhausted
        ? { status: "QUARANTINED", quarantinedAt: new Date(), lastError: reason.slice(0, 1000) }
        : { status: "FAILED", lastError: reason.slice(0, 1000) },
    });
    if (exhausted) return "QUARANTINED";
    throw new Error(`Send of ${messageId} failed (attempt ${message.attempts}/${deps.maxAttempts}): ${reason}`);
  }
}
