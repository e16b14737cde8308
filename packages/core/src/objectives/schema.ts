import { z } from "zod";

/** How an objective is measured. Stored as JSON on Objective.metric and parsed on every read. */
export const ObjectiveMetricSchema = z.object({
  event: z.string().trim().min(1, "must name the event that measures the objective").max(200),
  aggregation: z.enum(["count", "sum"]),
  /** The event property summed when aggregation is "sum". */
  property: z.string().trim().min(1).max(200).optional(),
  windowDays: z.number().int().min(1).max(365),
  direction: z.enum(["increase", "decrease"]),
});

export const NegativeSignalSchema = z.object({
  event: z.string().trim().min(1).max(200),
  weight: z.number().min(0).max(100).default(1),
});

export const ObjectiveInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(120),
    description: z.string().trim().max(2000).default(""),
    metric: ObjectiveMetricSchema,
    negativeSignals: z.array(NegativeSignalSchema).max(20).default([]),
  })
  .refine((o) => o.metric.aggregation !== "sum" || o.metric.property, {
    path: ["metric", "property"],
    message: "is required when the metric sums a property",
  });

export type ObjectiveMetric = z.infer<typeof ObjectiveMetricSchema>;
export type NegativeSignal = z.infer<typeof NegativeSignalSchema>;
export type ObjectiveInput = z.input<typeof ObjectiveInputSchema>;
