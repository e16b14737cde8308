/** One option of an agent node on one UTC day, as `decisions.nodeStats` reports it. */
export interface NodeStatsCell {
  day: string;
  edgeId: string;
  chosen: number;
  rewarded: number;
  rewardSum: number;
}

export interface NodeOption {
  edgeId: string;
  label: string;
}

/** One chart row: each option's share of the day's decisions (0..1) and count, and the day's mean reward. */
export type ChartRow = { day: string; total: number; rewardPerDecision: number | null } & Record<
  string,
  number | string | null
>;

export const shareKey = (edgeId: string) => `share:${edgeId}`;
export const countKey = (edgeId: string) => `count:${edgeId}`;

/**
 * Rows for the stacked share chart, one per day in the order the cells come. A day without decisions has zero shares,
 * and a day without decisions has no reward (the line skips it rather than dropping to zero).
 */
export function chartRows(options: NodeOption[], cells: NodeStatsCell[]): ChartRow[] {
  const days = new Map<string, NodeStatsCell[]>();
  for (const cell of cells) days.set(cell.day, [...(days.get(cell.day) ?? []), cell]);
  return [...days].map(([day, dayCells]) => {
    const total = dayCells.reduce((n, c) => n + c.chosen, 0);
    const rewardSum = dayCells.reduce((n, c) => n + c.rewardSum, 0);
    // Decisions still in their attribution window count 0 until credited: a lower bound on recent days.
    const row: ChartRow = { day, total, rewardPerDecision: total > 0 ? rewardSum / total : null };
    for (const o of options) {
      const chosen = dayCells.find((c) => c.edgeId === o.edgeId)?.chosen ?? 0;
      row[countKey(o.edgeId)] = chosen;
      row[shareKey(o.edgeId)] = total > 0 ? chosen / total : 0;
    }
    return row;
  });
}

/** Each option's share of all decisions in the period. */
export function shares<T extends { chosen: number }>(options: T[]): (T & { share: number })[] {
  const all = options.reduce((n, o) => n + o.chosen, 0);
  return options.map((o) => ({ ...o, share: all > 0 ? o.chosen / all : 0 }));
}
