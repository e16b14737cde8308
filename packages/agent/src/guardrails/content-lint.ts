import { type Channel, type Guardrails, type MessagePurpose, UNSUBSCRIBE_PLACEHOLDER } from "@northstar/journey";
import type { GuardrailBlock } from "./blocks";

export interface Deliverable {
  channel: Channel;
  purpose: MessagePurpose;
  subject?: string;
  body: string;
}

export interface LintOptions {
  /** The brief's own ceiling; the lower of it and the guardrail wins. */
  briefMaxDiscountPercent?: number;
  /** How an open-tracking pixel appears before the runtime renders it. */
  trackingPattern?: RegExp;
}

/** Until rendered, a body marks the unsubscribe link and the open pixel with placeholders (or the rendered URLs). */
const UNSUBSCRIBE_RENDERED = /\/t\/u\/|unsubscribe/i;
const TRACKING_DEFAULT = /\{\{\s*tracking_pixel\s*\}\}|\/t\/o\//;
/** "25% off", "25 % discount", "save 25%", "discount of 25%": a bare "100% cotton" is not an offer. */
const DISCOUNT = /(\d{1,3}(?:[.,]\d+)?)\s?%\s?(?:off|discount)|(?:save|discount of|up to)\s(\d{1,3}(?:[.,]\d+)?)\s?%/gi;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whole-word, case-insensitive match, so "free" does not flag "freedom". */
const containsPhrase = (text: string, phrase: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(phrase)}($|[^\\p{L}\\p{N}])`, "iu").test(text);

/**
 * Lints a rendered deliverable against the guardrails. Any block means the deliverable goes to review, never out.
 * Discounts are read from percentage offers in the text; one above the ceiling blocks.
 */
export function lintDeliverable(deliverable: Deliverable, guardrails: Guardrails, options: LintOptions = {}) {
  const blocks: GuardrailBlock[] = [];
  const text = `${deliverable.subject ?? ""}\n${deliverable.body}`;
  for (const phrase of guardrails.bannedPhrases) {
    if (containsPhrase(text, phrase))
      blocks.push({ code: "BANNED_PHRASE", reason: `Uses the banned phrase "${phrase}".` });
  }
  for (const claim of guardrails.claimsNeedingReview) {
    if (containsPhrase(text, claim)) {
      blocks.push({ code: "CLAIM_NEEDS_REVIEW", reason: `Makes the claim "${claim}", which a person must review.` });
    }
  }
  const ceiling = Math.min(guardrails.maxDiscountPercent, options.briefMaxDiscountPercent ?? 100);
  const offered = [...text.matchAll(DISCOUNT)].map((m) => Number((m[1] ?? m[2] ?? "0").replace(",", ".")));
  const highest = Math.max(0, ...offered);
  if (highest > ceiling) {
    blocks.push({ code: "DISCOUNT_ABOVE_MAX", reason: `Offers ${highest}% off; the maximum is ${ceiling}%.` });
  }
  if (deliverable.channel === "email") {
    if (!deliverable.subject?.trim()) blocks.push({ code: "EMPTY_SUBJECT", reason: "The email has no subject." });
    if (deliverable.purpose === "marketing") {
      if (!UNSUBSCRIBE_PLACEHOLDER.test(deliverable.body) && !UNSUBSCRIBE_RENDERED.test(deliverable.body)) {
        blocks.push({ code: "MISSING_UNSUBSCRIBE", reason: "The marketing email has no unsubscribe link." });
      }
      if (!(options.trackingPattern ?? TRACKING_DEFAULT).test(deliverable.body)) {
        blocks.push({ code: "MISSING_TRACKING", reason: "The marketing email has no open-tracking pixel." });
      }
    }
  }
  if (!deliverable.body.trim()) blocks.push({ code: "EMPTY_BODY", reason: "The message is empty." });
  return { ok: blocks.length === 0, blocks };
}
