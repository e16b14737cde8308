import { z } from "zod";
import { LIMITS } from "./limits";

/** Stable ids survive edits; they are what diagnostics, counters and version diffs refer to. */
export const idSchema = z
  .string()
  .min(1, "must not be empty")
  .max(LIMITS.maxIdLength, `must be at most ${LIMITS.maxIdLength} characters`)
  .regex(/^[A-Za-z0-9_.:-]+$/, "may only contain letters, digits, '_', '.', ':' and '-'");

const notBlank = /\S/;
export const nameSchema = z.string().max(LIMITS.maxNameLength).regex(notBlank, "must not be blank");
export const shortTextSchema = z.string().max(LIMITS.maxShortTextLength).regex(notBlank, "must not be blank");
export const textSchema = z.string().max(LIMITS.maxTextLength);

/** Event names follow the Segment spec loosely: any non-empty short string. */
export const eventNameSchema = shortTextSchema;

const coordinate = z.number().finite().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
export const positionSchema = z.strictObject({ x: coordinate, y: coordinate });
export type Position = z.infer<typeof positionSchema>;

export const CHANNELS = ["email", "sms", "push", "webhook"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Local time of day, "HH:mm", 24-hour clock. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day as HH:mm");

export const COMPARISON_OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "exists"] as const;
export const comparisonOperatorSchema = z.enum(COMPARISON_OPERATORS);
export type ComparisonOperator = z.infer<typeof comparisonOperatorSchema>;

export const scalarValueSchema = z.union([
  z.string().max(LIMITS.maxShortTextLength),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export type ScalarValue = z.infer<typeof scalarValueSchema>;

const needsValue = (rule: { operator: ComparisonOperator; value?: ScalarValue }) =>
  rule.operator === "exists" || rule.value !== undefined;
const needsValueMessage = { message: "a value is required for every operator except 'exists'", path: ["value"] };

/** A property filter on an entry event, e.g. { property: "plan", operator: "eq", value: "pro" }. */
export const propertyFilterSchema = z
  .strictObject({ property: shortTextSchema, operator: comparisonOperatorSchema, value: scalarValueSchema.optional() })
  .refine(needsValue, needsValueMessage);
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** A rule on a customer field, used by agent option eligibility and rule-split conditions. */
export const fieldRuleSchema = z
  .strictObject({ field: shortTextSchema, operator: comparisonOperatorSchema, value: scalarValueSchema.optional() })
  .refine(needsValue, needsValueMessage);
export type FieldRule = z.infer<typeof fieldRuleSchema>;
