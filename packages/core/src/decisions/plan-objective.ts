import type { ObjectiveBinding } from "@northstar/journey";
import { type ObjectiveMetric, ObjectiveMetricSchema } from "../objectives/schema";

const DAY = 86_400_000;

/** The metric of the objective a plan was published with, or null when the binding does not parse. */
export function boundMetric(objective: Pick<ObjectiveBinding, "metric">): ObjectiveMetric | null {
  const parsed = ObjectiveMetricSchema.safeParse(objective.metric);
  return parsed.success ? parsed.data : null;
}

/** When a decision made at `from` stops being credited with objective events (null: the plan has no metric). */
export function attributionEnd(objective: Pick<ObjectiveBinding, "metric">, from: Date): Date | null {
  const metric = boundMetric(objective);
  return metric ? new Date(from.getTime() + metric.windowDays * DAY) : null;
}
