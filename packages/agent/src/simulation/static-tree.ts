import type { CustomerFeatures, FeatureValue } from "../policy/types";
import type { SimCustomer } from "./types";

/**
 * The rule-based competitors: the best if/then tree of depth <= 2 over the observable features, by exhaustive search.
 * Fitted on the TRUE response rates of the very population it is scored on (`bestStaticTree`: flattered, if anything)
 * or on the outcomes of a random pilot (`pilotTree`: what a marketer could build). Splits are binary: `feature ==
 * value` for text and booleans, `feature < threshold` for numbers.
 */
export interface Split {
  feature: string;
  op: "eq" | "lt";
  value: string | number | boolean;
}

export type Tree = { leaf: number } | { split: Split; yes: Tree; no: Tree };

/**
 * What a tree is fitted on: one customer's features and, per option, what that option would have gained: its true
 * rate, or an unbiased estimate of it (a pilot's observed reward divided by the chance the option was shown, 0 for
 * the options not shown). Estimates add up, so a leaf's value is the best option's sum.
 */
export interface TreeRow {
  features: CustomerFeatures;
  totals: readonly number[];
}

export interface TreeFitOptions {
  optionCount: number;
  /** 0, 1 or 2. */
  maxDepth?: number;
  /** Fewest rows in a leaf. */
  minLeaf?: number;
}

/** Numbers with more distinct values than this are split at this many quantiles; text keeps its most frequent values. */
const MAX_SPLITS_PER_FEATURE = 64;

export function matches(split: Split, features: Record<string, FeatureValue>): boolean {
  const value = features[split.feature];
  return split.op === "eq" ? value === split.value : typeof value === "number" && value < (split.value as number);
}

/**
 * One feature's candidate splits and each row's bin. A number's bins are ordered (split s: bins 0..s go "yes"; the
 * last bin holds missing values), text's are its values (split s: bin s goes "yes"; the last bin holds the rest).
 */
interface Axis {
  splits: Split[];
  ordered: boolean;
  bins: Int32Array;
  size: number;
}

function axisOf(feature: string, rows: readonly TreeRow[]): Axis {
  const values = rows.map((row) => row.features[feature]);
  const present = values.filter((v): v is Exclude<FeatureValue, null> => v !== null && v !== undefined);
  const bins = new Int32Array(rows.length);
  if (present.every((v) => typeof v === "number")) {
    const sorted = (present as number[]).sort((a, b) => a - b);
    const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
    const cuts =
      distinct.length - 1 <= MAX_SPLITS_PER_FEATURE
        ? distinct.slice(1)
        : [
            ...new Set(
              Array.from(
                { length: MAX_SPLITS_PER_FEATURE },
                (_, q) => sorted[Math.floor(((q + 1) * sorted.length) / (MAX_SPLITS_PER_FEATURE + 1))] as number,
              ),
            ),
          ].filter((cut) => cut > (sorted[0] as number));
    values.forEach((v, r) => {
      bins[r] = typeof v === "number" ? upperBound(cuts, v) : cuts.length + 1;
    });
    return { splits: cuts.map((value) => ({ feature, op: "lt", value })), ordered: true, bins, size: cuts.length + 2 };
  }
  const counts = new Map<FeatureValue, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  let kept = [...counts.keys()];
  if (kept.length > MAX_SPLITS_PER_FEATURE) {
    const frequent = new Set(
      [...kept].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number)).slice(0, MAX_SPLITS_PER_FEATURE),
    );
    kept = kept.filter((v) => frequent.has(v));
  }
  const index = new Map(kept.map((v, i) => [v, i]));
  values.forEach((v, r) => {
    bins[r] = index.get(v ?? null) ?? kept.length;
  });
  const splits = kept.map((value): Split => ({ feature, op: "eq", value: value as string | number | boolean }));
  return { splits, ordered: false, bins, size: kept.length + 1 };
}

/** How many of the sorted `cuts` are <= value. */
function upperBound(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cuts[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sums over a set of rows, laid out [rows, total per option]; a leaf takes the option with the largest total. */
class Stats {
  readonly width: number;
  constructor(readonly options: number) {
    this.width = 1 + options;
  }

  leaf(data: Float64Array, at: number): { leaf: number; value: number } {
    let leaf = 0;
    for (let k = 1; k < this.options; k++) if ((data[at + 1 + k] as number) > (data[at + 1 + leaf] as number)) leaf = k;
    return { leaf, value: data[at + 1 + leaf] as number };
  }
}

interface Fitted {
  tree: Tree;
  value: number;
}

/**
 * The best tree of depth <= 1 for a set of rows given, per axis, its sums per bin (`tables[a]`, bins x width) and its
 * total. Splits are tried in axis order and a later one replaces the best only if strictly better, so ties keep the
 * first.
 */
function bestStump(
  axes: readonly Axis[],
  tables: readonly Float64Array[],
  total: Float64Array,
  stats: Stats,
  minLeaf: number,
): Fitted {
  const root = stats.leaf(total, 0);
  let best: Fitted = { tree: { leaf: root.leaf }, value: root.value };
  const yes = new Float64Array(stats.width);
  const no = new Float64Array(stats.width);
  axes.forEach((axis, a) => {
    const table = tables[a] as Float64Array;
    yes.fill(0);
    axis.splits.forEach((split, s) => {
      if (axis.ordered)
        for (let c = 0; c < stats.width; c++) yes[c] = (yes[c] as number) + (table[s * stats.width + c] as number);
      else yes.set(table.subarray(s * stats.width, (s + 1) * stats.width));
      for (let c = 0; c < stats.width; c++) no[c] = (total[c] as number) - (yes[c] as number);
      if ((yes[0] as number) < minLeaf || (no[0] as number) < minLeaf) return;
      const left = stats.leaf(yes, 0);
      const right = stats.leaf(no, 0);
      if (left.value + right.value > best.value + 1e-9) {
        best = { tree: { split, yes: { leaf: left.leaf }, no: { leaf: right.leaf } }, value: left.value + right.value };
      }
    });
  });
  return best;
}

/** The best tree of depth <= `maxDepth` (at most 2) and its value on the rows (expected conversions for true rates). */
export function fitTree(rows: readonly TreeRow[], { optionCount, maxDepth = 2, minLeaf = 1 }: TreeFitOptions): Fitted {
  const stats = new Stats(optionCount);
  const width = stats.width;
  const features: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row.features)) if (!seen.has(name) && seen.add(name)) features.push(name);
  }
  const axes = features.map((feature) => axisOf(feature, rows));
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    data[r * width] = 1;
    for (let k = 0; k < optionCount; k++) data[r * width + 1 + k] = row.totals[k] ?? 0;
  });
  const total = new Float64Array(width);
  const tables = axes.map((axis) => new Float64Array(axis.size * width));
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < width; c++) total[c] = (total[c] as number) + (data[r * width + c] as number);
    axes.forEach((axis, a) => {
      const table = tables[a] as Float64Array;
      const at = (axis.bins[r] as number) * width;
      for (let c = 0; c < width; c++) table[at + c] = (table[at + c] as number) + (data[r * width + c] as number);
    });
  }
  if (maxDepth <= 0 || rows.length === 0) {
    const root = stats.leaf(total, 0);
    return { tree: { leaf: root.leaf }, value: root.value };
  }
  if (maxDepth === 1) return bestStump(axes, tables, total, stats, minLeaf);

  const root = stats.leaf(total, 0);
  let best: Fitted = { tree: { leaf: root.leaf }, value: root.value };
  axes.forEach((first, f) => {
    // Sums per (bin of the first split's feature, bin of each feature): every second split of either side from them.
    const joint = axes.map((axis) => new Float64Array(first.size * axis.size * width));
    for (let r = 0; r < rows.length; r++) {
      const bf = first.bins[r] as number;
      axes.forEach((axis, a) => {
        const table = joint[a] as Float64Array;
        const at = (bf * axis.size + (axis.bins[r] as number)) * width;
        for (let c = 0; c < width; c++) table[at + c] = (table[at + c] as number) + (data[r * width + c] as number);
      });
    }
    const yesTables = axes.map((axis) => new Float64Array(axis.size * width));
    const noTables = axes.map((axis) => new Float64Array(axis.size * width));
    const yesTotal = new Float64Array(width);
    const noTotal = new Float64Array(width);
    const firstTable = tables[f] as Float64Array;
    first.splits.forEach((split, s) => {
      axes.forEach((axis, a) => {
        const slice = (joint[a] as Float64Array).subarray(s * axis.size * width, (s + 1) * axis.size * width);
        const yes = yesTables[a] as Float64Array;
        if (first.ordered) for (let i = 0; i < slice.length; i++) yes[i] = (yes[i] as number) + (slice[i] as number);
        else yes.set(slice);
      });
      const row = firstTable.subarray(s * width, (s + 1) * width);
      if (first.ordered) for (let c = 0; c < width; c++) yesTotal[c] = (yesTotal[c] as number) + (row[c] as number);
      else yesTotal.set(row);
      for (let c = 0; c < width; c++) noTotal[c] = (total[c] as number) - (yesTotal[c] as number);
      if ((yesTotal[0] as number) < minLeaf || (noTotal[0] as number) < minLeaf) return;
      axes.forEach((_, a) => {
        const all = tables[a] as Float64Array;
        const yes = yesTables[a] as Float64Array;
        const no = noTables[a] as Float64Array;
        for (let i = 0; i < no.length; i++) no[i] = (all[i] as number) - (yes[i] as number);
      });
      const left = bestStump(axes, yesTables, yesTotal, stats, minLeaf);
      const right = bestStump(axes, noTables, noTotal, stats, minLeaf);
      if (left.value + right.value > best.value + 1e-9) {
        best = { tree: { split, yes: left.tree, no: right.tree }, value: left.value + right.value };
      }
    });
  });
  return best;
}

/** The best tree of depth <= maxDepth and its total expected conversions on `customers`, knowing their true rates. */
export function bestStaticTree(customers: readonly SimCustomer[], maxDepth = 2): Fitted {
  const optionCount = customers[0]?.rates.length ?? 0;
  return fitTree(
    customers.map((c) => ({ features: c.features, totals: c.rates })),
    { optionCount, maxDepth },
  );
}

/** One decision of a random pilot: the option shown (uniformly at random) and its outcome. */
export interface PilotOutcome {
  features: CustomerFeatures;
  option: number;
  reward: number;
}

/**
 * The depth-2 tree a pilot's outcomes support: each leaf takes the option with the most conversions estimated for
 * all of the leaf's customers (each observed reward divided by the chance 1/optionCount its option was shown), and a
 * leaf needs `minLeaf` customers (a tenth of the pilot by default) so that a few lucky conversions do not carve out a
 * segment of their own.
 */
export function pilotTree(pilot: readonly PilotOutcome[], optionCount: number, minLeaf = Math.ceil(pilot.length / 10)) {
  const rows = pilot.map(({ features, option, reward }) => {
    const totals = new Array<number>(optionCount).fill(0);
    totals[option] = reward * optionCount;
    return { features, totals };
  });
  return fitTree(rows, { optionCount, minLeaf }).tree;
}

export function treeChoice(tree: Tree, features: Record<string, FeatureValue>): number {
  let node = tree;
  while ("split" in node) node = matches(node.split, features) ? node.yes : node.no;
  return node.leaf;
}

export function describeTree(tree: Tree, optionIds: readonly string[]): string {
  if ("leaf" in tree) return optionIds[tree.leaf] ?? String(tree.leaf);
  const { feature, op, value } = tree.split;
  const test = `${feature} ${op === "eq" ? "==" : "<"} ${JSON.stringify(value)}`;
  return `if ${test} then (${describeTree(tree.yes, optionIds)}) else (${describeTree(tree.no, optionIds)})`;
}
