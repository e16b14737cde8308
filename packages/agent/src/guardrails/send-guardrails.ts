import type { Channel, Guardrails, MessagePurpose } from "@northstar/journey";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { GuardrailBlock } from "./blocks";

export interface PastSend {
  channel: Channel;
  at: Date;
  /** Any journey: caps count sends across all of them. */
  journeyId: string;
}

export interface SendCheckInput {
  channel: Channel;
  purpose: MessagePurpose;
  now: Date;
  customer: {
    /** IANA zone; null uses `defaultTimeZone`. */
    timeZone: string | null;
    consent: Partial<Record<Channel, boolean>>;
    unsubscribed?: boolean;
  };
  recentSends: readonly PastSend[];
  guardrails: Guardrails;
  /** The workspace's zone for customers whose zone is unknown; UTC by default. */
  defaultTimeZone?: string;
}

export type SendVerdict =
  | { action: "send"; blocks: [] }
  | { action: "delay"; until: Date; blocks: GuardrailBlock[] }
  | { action: "skip"; blocks: GuardrailBlock[] };

const HOUR = 3_600_000;

/**
 * Whether a send may go out now. Order matters: unsubscribe and consent are absolute (skip), caps skip (a send
 * postponed past a cap would only pile up), quiet hours delay to their end or skip as configured. Transactional
 * messages are exempt from caps and quiet hours, never from consent where consent is required.
 */
export function checkSend(input: SendCheckInput): SendVerdict {
  const { channel, guardrails, customer } = input;
  const skips: GuardrailBlock[] = [];
  if (input.purpose === "marketing" && customer.unsubscribed && channel === "email") {
    skips.push({ code: "UNSUBSCRIBED", reason: "The customer unsubscribed from marketing email." });
  }
  if (guardrails.consentRequired[channel] && customer.consent[channel] !== true) {
    const state = customer.consent[channel] === false ? "withdrew consent" : "has not given consent";
    skips.push({ code: "NO_CONSENT", reason: `The customer ${state} for ${channel}, which requires consent.` });
  }
  if (input.purpose === "marketing") skips.push(...capBlocks(input));
  if (skips.length > 0) return { action: "skip", blocks: skips };

  const quiet = input.purpose === "marketing" ? quietHours(input) : null;
  if (!quiet) return { action: "send", blocks: [] };
  return guardrails.quietHours?.behaviour === "skip"
    ? { action: "skip", blocks: [quiet.block] }
    : { action: "delay", until: quiet.end, blocks: [quiet.block] };
}

function capBlocks(input: SendCheckInput): GuardrailBlock[] {
  const blocks: GuardrailBlock[] = [];
  for (const cap of input.guardrails.frequencyCaps) {
    if (cap.channel !== input.channel) continue;
    const since = input.now.getTime() - cap.windowHours * HOUR;
    const sends = input.recentSends.filter(
      (s) => s.channel === cap.channel && s.at.getTime() > since && s.at <= input.now,
    );
    if (sends.length >= cap.max) {
      const journeys = new Set(sends.map((s) => s.journeyId)).size;
      blocks.push({
        code: "FREQUENCY_CAP",
        reason:
          `${sends.length} ${cap.channel} sends in the last ${cap.windowHours} h across ${journeys} journey(s) ` +
          `reach the cap of ${cap.max}.`,
      });
    }
  }
  return blocks;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The quiet window containing `now` in the customer's zone, with the instant it ends; null outside quiet hours. */
export function quietHours(input: SendCheckInput): { block: GuardrailBlock; end: Date } | null {
  const window = input.guardrails.quietHours;
  if (!window) return null;
  const zone = input.customer.timeZone ?? input.defaultTimeZone ?? "UTC";
  const local = formatInTimeZone(input.now, zone, "HH:mm");
  const now = minutesOf(local);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const inside = start <= end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  // The window ends today (local) if its end is still ahead, else tomorrow.
  const today = formatInTimeZone(input.now, zone, "yyyy-MM-dd");
  const endDay = now < end ? today : formatInTimeZone(new Date(input.now.getTime() + 24 * HOUR), zone, "yyyy-MM-dd");
  const endAt = fromZonedTime(`${endDay}T${window.end}:00`, zone);
  return {
    end: endAt,
    block: {
      code: "QUIET_HOURS",
      reason: `It is ${local} for the customer (${zone}), inside quiet hours ${window.start}-${window.end}.`,
    },
  };
}
