import { ObjectiveMetricSchema } from "@northstar/journey";
import { z } from "zod";

export { type ObjectiveMetric, ObjectiveMetricSchema } from "@northstar/journey";

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

export type NegativeSignal = z.infer<typeof NegativeSignalSchema>;
export type ObjectiveInput = z.input<typeof ObjectiveInputSchema>;
