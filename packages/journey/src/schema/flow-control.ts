import { z } from "zod";
import { shortTextSchema } from "./primitives";

/**
 * Pauses the customer until an approver acts. Outgoing edges with sourceHandle "rejected" are taken on rejection,
 * the others on approval.
 */
export const reviewConfigSchema = z.strictObject({
  approverRole: shortTextSchema,
  slaHours: z.number().int().min(1).max(720),
  escalateTo: shortTextSchema.optional(),
});
export type ReviewConfig = z.infer<typeof reviewConfigSchema>;
export const REVIEW_REJECTED_HANDLE = "rejected";

/** The objective is met; the customer leaves and the decisions that led here are rewarded. */
export const goalConfigSchema = z.strictObject({});
export type GoalConfig = z.infer<typeof goalConfigSchema>;

export const EXIT_REASONS = ["explicit", "unsubscribed", "complained", "bounced", "expired"] as const;
export const exitConfigSchema = z.strictObject({ reason: z.enum(EXIT_REASONS) });
export type ExitConfig = z.infer<typeof exitConfigSchema>;

/** Legacy if/then split, kept to import old trees. The conditions live on its outgoing edges. */
export const ruleSplitConfigSchema = z.strictObject({});
export type RuleSplitConfig = z.infer<typeof ruleSplitConfigSchema>;
