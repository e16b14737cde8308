/** One guardrail that stopped or postponed something: a stable machine code and a reason people can read. */
export interface GuardrailBlock {
  code: GuardrailCode;
  reason: string;
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
