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
  originalTimestamp: timestamp.optional(),
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

const pageName = text().trim().max(200, "must be at most 200 characters");

/** The Segment call types accepted, each at `/api/v1/<type>` and inside a batch. */
export const CALL_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
export type CallType = (typeof CALL_TYPES)[number];

const trackShape = { ...common, event: eventName, properties: jsonObject.optional() };
const identifyShape = { ...common, traits: traits.optional() };
const pageShape = {
  ...common,
  name: pageName.optional(),
  category: pageName.optional(),
  properties: jsonObject.optional(),
};
const groupShape = { ...common, groupId: id, traits: jsonObject.optional() };
const aliasShape = { ...common, userId: id, previousId: id };

/**
 * Segment's libraries send an identify's traits in `context.traits` when the call itself has none (analytics.js
 * does for every call); they are the identify's traits then, and checked like them.
 */
function withContextTraits<T extends { traits?: Record<string, unknown>; context?: Record<string, unknown> }>(
  call: T,
  ctx: z.RefinementCtx,
): T {
  const fromContext = call.context?.traits;
  if (
    call.traits !== undefined ||
    typeof fromContext !== "object" ||
    fromContext === null ||
    Array.isArray(fromContext)
  ) {
    return call;
  }
  const contextTraits = fromContext as Record<string, unknown>;
  for (const issue of reservedTraitIssues(contextTraits)) {
    ctx.addIssue({ code: "custom", message: issue.message, path: ["context", "traits", ...issue.path] });
  }
  return { ...call, traits: contextTraits };
}

function callSchemas<Typed extends boolean>(typed: Typed) {
  const typeOf = <T extends CallType>(type: T) => (typed ? z.literal(type) : z.literal(type).optional());
  return {
    track: z.object({ ...trackShape, type: typeOf("track") }).refine(needsIdentity, identityIssue),
    identify: z
      .object({ ...identifyShape, type: typeOf("identify") })
      .refine(needsIdentity, identityIssue)
      .transform(withContextTraits),
    page: z.object({ ...pageShape, type: typeOf("page") }).refine(needsIdentity, identityIssue),
    screen: z.object({ ...pageShape, type: typeOf("screen") }).refine(needsIdentity, identityIssue),
    group: z.object({ ...groupShape, type: typeOf("group") }).refine(needsIdentity, identityIssue),
    alias: z.object({ ...aliasShape, type: typeOf("alias") }),
  };
}

/** One schema per call type, for `/api/v1/<type>` (where `type` may be left out). */
export const callSchemaOf = callSchemas(false);
const batchItemSchemas = callSchemas(true);

export const trackCallSchema = callSchemaOf.track;
export const identifyCallSchema = callSchemaOf.identify;

const typeError = `type must be one of ${CALL_TYPES.map((type) => `"${type}"`).join(", ")}`;

/** A call inside a batch names its type. */
export const batchItemSchema = z.discriminatedUnion(
  "type",
  [
    batchItemSchemas.track,
    batchItemSchemas.identify,
    batchItemSchemas.page,
    batchItemSchemas.screen,
    batchItemSchemas.group,
    batchItemSchemas.alias,
  ],
  { error: () => typeError },
);

/** The batch envelope; its calls are validated one by one, so a bad call refuses only itself. */
export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1, "must hold at least one call").max(INGESTION_LIMITS.maxBatch),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  sentAt: timestamp.optional(),
});

type Untyped<T> = Omit<T, "type">;
export type TrackCall = z.output<typeof trackCallSchema>;
export type IdentifyCall = z.output<typeof identifyCallSchema>;
export type PageCall = z.output<typeof callSchemaOf.page>;
export type GroupCall = z.output<typeof callSchemaOf.group>;
export type AliasCall = z.output<typeof callSchemaOf.alias>;
export type IngestCall =
  | ({ type: "track" } & Untyped<TrackCall>)
  | ({ type: "identify" } & Untyped<IdentifyCall>)
  | ({ type: "page" | "screen" } & Untyped<PageCall>)
  | ({ type: "group" } & Untyped<GroupCall>)
  | ({ type: "alias" } & Untyped<AliasCall>);

/**
 * When the event happened by the server's clock, as Segment corrects it: the sender's event time shifted by the
 * difference between its clock and ours at sending, `receivedAt - (sentAt - timestamp)`. Without `sentAt` the
 * sender's time is taken as sent; without any time, the moment the call was received.
 */
export function correctedTimestamp(
  call: { timestamp?: Date; originalTimestamp?: Date; sentAt?: Date },
  receivedAt: Date,
): { timestamp: Date; originalTimestamp: Date | null } {
  const original = call.timestamp ?? call.originalTimestamp;
  if (!original) return { timestamp: receivedAt, originalTimestamp: null };
  if (!call.sentAt) return { timestamp: original, originalTimestamp: original };
  const skew = call.sentAt.getTime() - original.getTime();
  return { timestamp: new Date(receivedAt.getTime() - skew), originalTimestamp: original };
}
