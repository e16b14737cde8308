import { type Channel, type Guardrails, type MessagePurpose, UNSUBSCRIBE_PLACEHOLDER } from "@northstar/journey";
import type { DeliverableField, GuardrailBlock } from "./blocks";

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

const offersIn = (text: string) =>
  [...text.matchAll(DISCOUNT)].map((m) => Number((m[1] ?? m[2] ?? "0").replace(",", ".")));

/**
 * Lints a rendered deliverable against the guardrails. Any block means the deliverable goes to review, never out.
 * Discounts are read from percentage offers in the text; one above the ceiling blocks. The subject and the body are
 * read apart, and each block names the fields it was found in, so an editor can show it under the right one.
 */
export function lintDeliverable(deliverable: Deliverable, guardrails: Guardrails, options: LintOptions = {}) {
  const blocks: GuardrailBlock[] = [];
  const parts: [DeliverableField, string][] = [
    ["subject", deliverable.subject ?? ""],
    ["body", deliverable.body],
  ];
  const fieldsWhere = (test: (text: string) => boolean) => parts.filter(([, text]) => test(text)).map(([f]) => f);
  const flag = (code: GuardrailBlock["code"], reason: string, fields: DeliverableField[]) => {
    if (fields.length > 0) blocks.push({ code, reason, fields });
  };
  for (const phrase of guardrails.bannedPhrases) {
    flag(
      "BANNED_PHRASE",
      `Uses the banned phrase "${phrase}".`,
      fieldsWhere((text) => containsPhrase(text, phrase)),
    );
  }
  for (const claim of guardrails.claimsNeedingReview) {
    flag(
      "CLAIM_NEEDS_REVIEW",
      `Makes the claim "${claim}", which a person must review.`,
      fieldsWhere((text) => containsPhrase(text, claim)),
    );
  }
  const ceiling = Math.min(guardrails.maxDiscountPercent, options.briefMaxDiscountPercent ?? 100);
  const highest = Math.max(0, ...parts.flatMap(([, text]) => offersIn(text)));
  if (highest > ceiling) {
    flag(
      "DISCOUNT_ABOVE_MAX",
      `Offers ${highest}% off; the maximum is ${ceiling}%.`,
      fieldsWhere((text) => offersIn(text).some((offer) => offer > ceiling)),
    );
  }
  if (deliverable.channel === "email") {
    if (!deliverable.subject?.trim()) flag("EMPTY_SUBJECT", "The email has no subject.", ["subject"]);
    if (deliverable.purpose === "marketing") {
      if (!UNSUBSCRIBE_PLACEHOLDER.test(deliverable.body) && !UNSUBSCRIBE_RENDERED.test(deliverable.body)) {
        flag("MISSING_UNSUBSCRIBE", "The marketing email has no unsubscribe link.", ["body"]);
      }
      if (!(options.trackingPattern ?? TRACKING_DEFAULT).test(deliverable.body)) {
        flag("MISSING_TRACKING", "The marketing email has no open-tracking pixel.", ["body"]);
      }
    }
  }
  if (!deliverable.body.trim()) flag("EMPTY_BODY", "The message is empty.", ["body"]);
  return { ok: blocks.length === 0, blocks };
}
