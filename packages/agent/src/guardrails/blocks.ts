/** The parts of a message a content guardrail reads. */
export const DELIVERABLE_FIELDS = ["subject", "body"] as const;
export type DeliverableField = (typeof DELIVERABLE_FIELDS)[number];

/** One guardrail that stopped or postponed something: a stable machine code and a reason people can read. */
export interface GuardrailBlock {
  code: GuardrailCode;
  reason: string;
  /** Content lint only: where in the message the problem is (both, when a phrase is in the subject and the body). */
  fields?: DeliverableField[];
}

export const GUARDRAIL_CODES = [
  "FREQUENCY_CAP",
  "QUIET_HOURS",
  "NO_CONSENT",
  "UNSUBSCRIBED",
  "BANNED_PHRASE",
  "CLAIM_NEEDS_REVIEW",
  "DISCOUNT_ABOVE_MAX",
  "MISSING_UNSUBSCRIBE",
  "MISSING_TRACKING",
  "EMPTY_SUBJECT",
  "EMPTY_BODY",
] as const;
export type GuardrailCode = (typeof GUARDRAIL_CODES)[number];
