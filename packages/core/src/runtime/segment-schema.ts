import { z } from "zod";
import { reservedTraitIssues } from "../customers/reserved-traits";
import { refuseUnstorable, textIssue } from "./storable-json";

/** Limits of the ingestion API, as Segment's: a request body and a single call. */
export const INGESTION_LIMITS = { maxRequestBytes: 512 * 1024, maxEventBytes: 32 * 1024, maxBatch: 2_500 } as const;

/**
 * Every string, key and number is checked for what storing it would alter (see storable-json.ts): the sender gets a
 * 400 naming the field rather than a U+FFFD, a null or a retry loop.
 */
const text = () =>
  z.string().superRefine((value, ctx) => {
    const message = textIssue(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });

const id = text().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
// Checked before zod's record copies it: the copy would drop a `__proto__` key without a word.
const jsonObject = z.unknown().superRefine(refuseUnstorable).pipe(z.record(z.string(), z.unknown()));
const eventName = text().trim().min(1, "is required").max(200);

/**
 * Accepted event times: from the Unix epoch to one day after the call is received (a sender's clock may run ahead).
 * Anything else (year 0001, 9999) is a sender's bug that would skew every window and counter it lands in.
 */
export const TIMESTAMP_RANGE = { earliest: new Date("1970-01-01T00:00:00Z"), maxAheadMs: 24 * 60 * 60 * 1000 };

const timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO-8601 date-time" })
  .transform((value) => new Date(value))
  .refine((date) => date >= TIMESTAMP_RANGE.earliest, "must not be before 1970-01-01T00:00:00Z")
  .refine((date) => date.getTime() <= Date.now() + TIMESTAMP_RANGE.maxAheadMs, "must not be more than 24 hours ahead");

const common = {
  messageId: id.optional(),
  userId: id.optional(),
  anonymousId: id.optional(),
  context: jsonObject.optional(),
  timestamp: timestamp.optional(),
  sentAt: timestamp.optional(),
  integrations: jsonObject.optional(),
};

const needsIdentity = (call: { userId?: string; anonymousId?: string }) =>
  call.userId !== undefined || call.anonymousId !== undefined;
const identityIssue = { message: "userId or anonymousId is required", path: ["userId"] };

/** Traits that go to the customer's columns must have their type, or the identify is refused (see reserved-traits). */
const traits = jsonObject.superRefine((value, ctx) => {
  for (const issue of reservedTraitIssues(value)) ctx.addIssue({ code: "custom", ...issue });
});

export const trackCallSchema = z
  .object({
    ...common,
    type: z.literal("track").optional(),
    event: eventName,
    properties: jsonObject.optional(),
  })
  .refine(needsIdentity, identityIssue);

export const identifyCallSchema = z
  .object({ ...common, type: z.literal("identify").optional(), traits: traits.optional() })
  .refine(needsIdentity, identityIssue);

const batchItemSchema = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        ...common,
        type: z.literal("track"),
        event: eventName,
        properties: jsonObject.optional(),
      })
      .refine(needsIdentity, identityIssue),
    z
      .object({ ...common, type: z.literal("identify"), traits: traits.optional() })
      .refine(needsIdentity, identityIssue),
  ],
  { error: () => 'type must be "track" or "identify"' },
);

export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1, "must hold at least one call").max(INGESTION_LIMITS.maxBatch),
  context: jsonObject.optional(),
});

export { batchItemSchema };

export type TrackCall = z.output<typeof trackCallSchema>;
export type IdentifyCall = z.output<typeof identifyCallSchema>;
export type IngestCall =
  | ({ type: "track" } & Omit<TrackCall, "type">)
  | ({ type: "identify" } & Omit<IdentifyCall, "type">);
