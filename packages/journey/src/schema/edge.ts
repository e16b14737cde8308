import { z } from "zod";
import { LIMITS } from "./limits";
import { fieldRuleSchema, idSchema, nameSchema, textSchema } from "./primitives";

/** What an agent reads about one of its options, and the hard rules that make a customer eligible for it. */
export const edgeOptionSchema = z.strictObject({
  label: nameSchema,
  description: textSchema,
  eligibility: z.array(fieldRuleSchema).max(LIMITS.maxFilters),
});
export type EdgeOption = z.infer<typeof edgeOptionSchema>;

/** A rule-split branch: taken when its rules match, or the single "else" branch taken when none does. */
export const edgeConditionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("rules"),
    match: z.enum(["all", "any"]),
    rules: z.array(fieldRuleSchema).min(1).max(LIMITS.maxFilters),
  }),
  z.strictObject({ type: z.literal("else") }),
]);
export type EdgeCondition = z.infer<typeof edgeConditionSchema>;

export const journeyEdgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  sourceHandle: idSchema.optional(),
  label: nameSchema.optional(),
  /** Set on the outgoing edges of an agent node. */
  option: edgeOptionSchema.optional(),
  /** Set on the outgoing edges of a rule split. */
  condition: edgeConditionSchema.optional(),
});
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;
