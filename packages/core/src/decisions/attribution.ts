import type { ObjectiveMetric } from "../objectives/schema";

/**
 * How an objective outcome credits the decisions of one enrollment (pure; the database side is in
 * reward-attribution.ts). The rule:
 *
 * - The outcome's reward `r` is in [0, 1]: 1 for a counted event, a summed property's value over the largest value
 *   of that property seen in the window (capped at 1); for an objective whose direction is "decrease" the event is
 *   the bad outcome, so it rewards 0 and a window closing without it rewards 1.
 * - Only decisions made before the event and whose attribution window is still open are credited.
 * - The enrollment's last such decision (the one that led most directly to the outcome) gets full credit, `r`.
 * - Every earlier decision gets per-node credit, `r / k`, where `k` is the number of distinct agent nodes that made
 *   those decisions: the outcome is shared by the nodes that shaped the path, so a node is never credited with a
 *   later node's full effect.
 * - Negative signals (such as an unsubscribe) inside the window add their weight to each open decision's penalty;
 *   the credit is `max(0, credit - penalty)`.
 * - A decision is rewarded exactly once: by the first outcome in its window, or when its window closes without one.
 */
export interface OpenDecision {
  id: string;
  stepId: string;
  createdAt: Date;
  penalty: number;
}

export interface Credit {
  id: string;
  reward: number;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export function creditEnrollment(decisions: readonly OpenDecision[], reward: number): Credit[] {
  if (decisions.length === 0) return [];
  const ordered = [...decisions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const last = ordered[ordered.length - 1] as OpenDecision;
  const nodes = new Set(ordered.map((d) => d.stepId)).size;
  return ordered.map((d) => {
    const credit = d === last ? reward : reward / nodes;
    return { id: d.id, reward: clamp01(credit - d.penalty) };
  });
}

/** The reward of one objective event, before it is shared out. */
export function outcomeReward(
  metric: { aggregation: "count" | "sum"; direction: "increase" | "decrease" },
  value: { summed: number | null; largestSeen: number | null },
): number {
  if (metric.direction === "decrease") return 0;
  if (metric.aggregation === "count") return 1;
  if (value.summed === null || value.summed <= 0) return 0;
  const scale = Math.max(value.summed, value.largestSeen ?? 0);
  return clamp01(value.summed / scale);
}

/** The reward of a decision whose window closed without the objective event. */
export function closingReward(metric: { direction: "increase" | "decrease" } | null, penalty: number): number {
  return metric?.direction === "decrease" ? clamp01(1 - penalty) : 0;
}

/** An open decision with the objective its version was published with and that objective's negative signals. */
export interface AttributableDecision extends OpenDecision {
  enrollmentId: string;
  metric: ObjectiveMetric | null;
  /** Weight per negative-signal event name. */
  negative: ReadonlyMap<string, number>;
}

export interface DecisionCredit {
  id: string;
  /** Added to the decision's penalty (a negative signal). */
  addPenalty: number;
  /** The decision's reward, when this event is its objective's outcome; null leaves it open. */
  reward: number | null;
}

/**
 * What one tracked event does to a customer's open decisions (the rule at the top of this file): negative signals
 * first, so that the credit of the same event already counts them, then the objective's outcome per enrollment.
 * `largestSeen` answers the scale of a summed property (read from the stored events by the caller).
 */
export async function attributeOutcome(
  decisions: readonly AttributableDecision[],
  event: { name: string; properties: unknown },
  largestSeen: (metric: ObjectiveMetric) => Promise<number | null>,
): Promise<DecisionCredit[]> {
  const credits = new Map<string, DecisionCredit>();
  const penalised = decisions.map((d) => {
    const weight = d.negative.get(event.name) ?? 0;
    if (weight) credits.set(d.id, { id: d.id, addPenalty: weight, reward: null });
    return { ...d, penalty: d.penalty + weight };
  });
  const byEnrollment = new Map<string, typeof penalised>();
  for (const d of penalised) {
    if (d.metric?.event !== event.name) continue;
    byEnrollment.set(d.enrollmentId, [...(byEnrollment.get(d.enrollmentId) ?? []), d]);
  }
  for (const group of byEnrollment.values()) {
    const metric = group[0]?.metric;
    if (!metric) continue;
    const sum = metric.aggregation === "sum";
    const reward = outcomeReward(metric, {
      summed: sum ? summedValue(event.properties, metric.property) : null,
      largestSeen: sum ? await largestSeen(metric) : null,
    });
    for (const credit of creditEnrollment(group, reward)) {
      credits.set(credit.id, {
        id: credit.id,
        addPenalty: credits.get(credit.id)?.addPenalty ?? 0,
        reward: credit.reward,
      });
    }
  }
  return [...credits.values()];
}

function summedValue(properties: unknown, property: string | undefined): number | null {
  const value = (properties as Record<string, unknown> | null)?.[property ?? ""];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
