import type { PrismaClient } from "@northstar/db";
import { ingestCalls } from "./ingestion";
import { TRACKING_EVENTS } from "./statuses";

export type TrackingKind = "open" | "click" | "unsubscribe";

/** A 1x1 transparent GIF, the open-tracking image. */
export const TRACKING_PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

export interface TrackingOutcome {
  found: boolean;
  /** For clicks: where to send the browser (only a link stored with the message, never a URL from the request). */
  redirectTo: string | null;
}

/**
 * Turns an open, click or unsubscribe into a tracked event of the message's customer (through the same ingestion
 * path as the HTTP API, so it resumes waits, exits on goals and is idempotent: one event per message and kind/link).
 */
export async function recordTracking(
  db: PrismaClient,
  kind: TrackingKind,
  token: string,
  linkIndex?: number,
): Promise<TrackingOutcome> {
  const message = await db.message.findUnique({ where: { trackingToken: token } });
  if (!message?.customerId) return { found: false, redirectTo: null };
  const links = Array.isArray(message.links) ? (message.links as unknown[]) : [];
  const link = kind === "click" && linkIndex !== undefined ? links[linkIndex] : undefined;
  if (kind === "click" && typeof link !== "string") return { found: false, redirectTo: null };
  const customer = await db.customer.findUniqueOrThrow({ where: { id: message.customerId } });
  const identity = customer.externalId
    ? { userId: customer.externalId }
    : { anonymousId: customer.anonymousId ?? customer.id };
  const name =
    kind === "open"
      ? TRACKING_EVENTS.opened
      : kind === "click"
        ? TRACKING_EVENTS.clicked
        : TRACKING_EVENTS.unsubscribed;
  const properties = {
    messageId: message.id,
    journeyId: message.journeyId,
    stepId: message.stepId,
    channel: message.channel,
    ...(kind === "click" ? { url: link, linkIndex } : {}),
  };
  await ingestCalls(db, message.workspaceId, [
    {
      type: "track",
      event: name,
      properties,
      messageId: `${kind}:${message.id}${kind === "click" ? `:${linkIndex}` : ""}`,
      ...identity,
    },
  ]);
  const now = new Date();
  if (kind === "unsubscribe" && !customer.unsubscribedAt) {
    // At once, not when the event is processed: a send that follows the click by a second is already suppressed.
    // The event still records it (timeline, journey exits); processing it later keeps the customer unsubscribed.
    const consent = typeof customer.consent === "object" && customer.consent !== null ? customer.consent : {};
    await db.customer.updateMany({
      where: { id: customer.id, unsubscribedAt: null },
      data: { unsubscribedAt: now, consent: { ...consent, email: false } },
    });
  }
  if (kind === "open" && !message.openedAt)
    await db.message.update({ where: { id: message.id }, data: { openedAt: now } });
  if (kind === "click" && !message.clickedAt)
    await db.message.update({ where: { id: message.id }, data: { clickedAt: now } });
  return { found: true, redirectTo: typeof link === "string" ? link : null };
}
