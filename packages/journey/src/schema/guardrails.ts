import { z } from "zod";
import { LIMITS } from "./limits";
import { channelSchema, timeOfDaySchema } from "./primitives";

/** At most `max` sends on `channel` per customer in any `windowHours`, across all journeys. */
export const frequencyCapSchema = z.strictObject({
  channel: channelSchema,
  max: z.number().int().min(1).max(1_000),
  windowHours: z.number().int().min(1).max(8_760),
});
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;

/**
 * Quiet hours in the customer's time zone. The window may cross midnight (start 21:00, end 08:00). A send due inside
 * it is delayed to `end` or skipped.
 */
export const quietHoursSchema = z.strictObject({
  start: timeOfDaySchema,
  end: timeOfDaySchema,
  behaviour: z.enum(["delay", "skip"]),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const consentRequiredSchema = z.strictObject({
  email: z.boolean(),
  sms: z.boolean(),
  push: z.boolean(),
  webhook: z.boolean(),
});
export type ConsentRequired = z.infer<typeof consentRequiredSchema>;

const phraseList = z.array(z.string().min(1).max(LIMITS.maxShortTextLength)).max(500);

export const guardrailsSchema = z.strictObject({
  frequencyCaps: z.array(frequencyCapSchema).max(40),
  /** null: no quiet hours. */
  quietHours: quietHoursSchema.nullable(),
  consentRequired: consentRequiredSchema,
  maxDiscountPercent: z.number().min(0).max(100),
  bannedPhrases: phraseList,
  claimsNeedingReview: phraseList,
  brandVoice: z.string().max(LIMITS.maxTextLength),
  minConfidence: z.number().min(0).max(1),
  dailyLlmBudgetUsd: z.number().min(0).max(1_000_000),
  holdoutShare: z.number().min(0).max(0.5),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;

/**
 * A journey's override: any field left out inherits the global value. Frequency caps and consent merge per channel;
 * `quietHours: null` switches quiet hours off for the journey.
 */
export const guardrailsOverrideSchema = guardrailsSchema
  .extend({ consentRequired: consentRequiredSchema.partial() })
  .partial();
export type GuardrailsOverride = z.infer<typeof guardrailsOverrideSchema>;

export const DEFAULT_GUARDRAILS: Guardrails = {
  frequencyCaps: [
    { channel: "email", max: 3, windowHours: 168 },
    { channel: "sms", max: 2, windowHours: 168 },
    { channel: "push", max: 1, windowHours: 24 },
  ],
  quietHours: { start: "21:00", end: "08:00", behaviour: "delay" },
  consentRequired: { email: true, sms: true, push: true, webhook: false },
  maxDiscountPercent: 20,
  bannedPhrases: [],
  claimsNeedingReview: [],
  brandVoice: "",
  minConfidence: 0.6,
  dailyLlmBudgetUsd: 10,
  holdoutShare: 0.05,
};
