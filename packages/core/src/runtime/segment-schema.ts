import { z } from "zod";

/** Limits of the ingestion API, as Segment's: a request body and a single call. */
export const INGESTION_LIMITS = { maxRequestBytes: 512 * 1024, maxEventBytes: 32 * 1024, maxBatch: 2_500 } as const;

const id = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const jsonObject = z.record(z.string(), z.unknown());
const timestamp = z.iso
  .datetime({ offset: true, error: "must be an ISO-8601 date-time" })
  .transform((value) => new Date(value));

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

export const trackCallSchema = z
  .object({
    ...common,
    type: z.literal("track").optional(),
    event: z.string().trim().min(1, "is required").max(200),
    properties: jsonObject.optional(),
  })
  .refine(needsIdentity, identityIssue);

export const identifyCallSchema = z
  .object({ ...common, type: z.literal("identify").optional(), traits: jsonObject.optional() })
  .refine(needsIdentity, identityIssue);

const batchItemSchema = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        ...common,
        type: z.literal("track"),
        event: z.string().trim().min(1, "is required").max(200),
        properties: jsonObject.optional(),
      })
      .refine(needsIdentity, identityIssue),
    z
      .object({ ...common, type: z.literal("identify"), traits: jsonObject.optional() })
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
