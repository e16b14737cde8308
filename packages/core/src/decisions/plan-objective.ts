import { boundMetric, type ObjectiveBinding } from "@northstar/journey";

const DAY = 86_400_000;

/** When a decision made at `from` stops being credited with objective events (null: the plan has no metric). */
export function attributionEnd(objective: Pick<ObjectiveBinding, "metric">, from: Date): Date | null {
  const metric = boundMetric(objective);
  return metric ? new Date(from.getTime() + metric.windowDays * DAY) : null;
}
