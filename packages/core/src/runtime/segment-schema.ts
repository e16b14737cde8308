import { z } from "zod";

/** Limits of the ingestion API, as Segment's: a request body and a single call. */
export const INGESTION_LIMITS = { maxRequestBytes: 512 * 1024, maxEventBytes: 32 * 1024, maxBatch: 2_500 } as const;

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a NUL anywhere (a string, or a key or string inside JSON) is
 * refused here with a 400 naming the field; otherwise the insert would fail and the sender would retry forever.
 */
const NUL = "\u0000";
const NUL_MESSAGE = "must not contain NUL (\\u0000) characters";
const text = () => z.string().refine((value) => !value.includes(NUL), NUL_MESSAGE);

/** The path of the first NUL inside a JSON value, or null. */
function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes(NUL)) return [...path, key.replaceAll(NUL, "\\u0000")];
      const found = nulPath(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const id = text().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const jsonObject = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const path = nulPath(value);
  if (path) ctx.addIssue({ code: "custom", message: NUL_MESSAGE, path });
});
const eventName = text().trim().min(1, "is required").max(200);
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
    event: eventName,
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
        event: eventName,
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
