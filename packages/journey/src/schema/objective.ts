import { z } from "zod";

/**
 * How an objective is measured: the one schema for the stored metric (Objective.metric, and the copy a plan binds),
 * read by the objectives domain, the runtime's reward attribution and the simulator alike.
 */
export const ObjectiveMetricSchema = z.object({
  event: z.string().trim().min(1, "must name the event that measures the objective").max(200),
  aggregation: z.enum(["count", "sum"]),
  /** The event property summed when aggregation is "sum". */
  property: z.string().trim().min(1).max(200).optional(),
  windowDays: z.number().int().min(1).max(365),
  direction: z.enum(["increase", "decrease"]),
});
export type ObjectiveMetric = z.infer<typeof ObjectiveMetricSchema>;

/** The metric of a bound objective (a plan's, a compile context's), or null when it does not parse. */
export function boundMetric(objective: { metric: unknown } | null | undefined): ObjectiveMetric | null {
  const parsed = ObjectiveMetricSchema.safeParse(objective?.metric);
  return parsed.success ? parsed.data : null;
}
