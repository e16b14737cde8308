import { z } from "zod";
import { LIMITS } from "./limits";
import { eventNameSchema, idSchema, propertyFilterSchema, timeOfDaySchema } from "./primitives";

export const eventTriggerSchema = z.strictObject({
  type: z.literal("event"),
  event: eventNameSchema,
  filters: z.array(propertyFilterSchema).max(LIMITS.maxFilters, `at most ${LIMITS.maxFilters} filters`),
});

/**
 * Segment membership is checked once a day. `dailyAt` pins that check to a local time of the customer; when it is
 * set the compiler knows the time of day at which customers enter, which lets it warn about waits that land in
 * quiet hours.
 */
export const segmentTriggerSchema = z.strictObject({
  type: z.literal("segment"),
  segmentId: idSchema,
  dailyAt: timeOfDaySchema.optional(),
});

export const entryTriggerSchema = z.discriminatedUnion("type", [eventTriggerSchema, segmentTriggerSchema]);
export type EntryTrigger = z.infer<typeof entryTriggerSchema>;

export const reentrySchema = z.union([
  z.literal("never"),
  z.literal("always"),
  z.strictObject({ afterDays: z.number().int().min(1).max(3650) }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

export const entryConfigSchema = z.strictObject({
  trigger: entryTriggerSchema,
  reentry: reentrySchema,
  /** Share of enrolled customers held out of every send, to measure the journey's lift. */
  holdoutShare: z.number().min(0).max(0.5),
});
export type EntryConfig = z.infer<typeof entryConfigSchema>;
