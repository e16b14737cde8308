import type { FeatureValue } from "../policy/types";
import type { SimCustomer } from "./scenario";

/**
 * The strongest rule-based competitor: the best if/then tree of depth <= 2 over the observable features, found by
 * exhaustive search with the TRUE response rates of the very population it is scored on (so it is, if anything,
 * flattered). Splits are binary: `feature == value` for text and booleans, `feature < threshold` for numbers.
 */
export interface Split {
  feature: string;
  op: "eq" | "lt";
  value: string | number | boolean;
}

export type Tree = { leaf: number } | { split: Split; yes: Tree; no: Tree };

interface Group {
  features: Record<string, FeatureValue>;
  /** Sum over the group's customers of each option's true rate. */
  totals: number[];
}

function groupCustomers(customers: readonly SimCustomer[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of customers) {
    const key = JSON.stringify(c.features);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { features: c.features, totals: c.rates.map(() => 0) }));
    c.rates.forEach((rate, i) => {
      group.totals[i] = (group.totals[i] as number) + rate;
    });
  }
  return [...groups.values()];
}

export function matches(split: Split, features: Record<string, FeatureValue>): boolean {
  const value = features[split.feature];
  return split.op === "eq" ? value === split.value : typeof value === "number" && value < (split.value as number);
}

function candidateSplits(groups: readonly Group[]): Split[] {
  const values = new Map<string, Set<FeatureValue>>();
  for (const g of groups) {
    for (const [name, value] of Object.entries(g.features)) {
      if (!values.has(name)) values.set(name, new Set());
      values.get(name)?.add(value);
    }
  }
  const splits: Split[] = [];
  for (const [feature, set] of values) {
    const distinct = [...set].filter((v) => v !== null);
    if (distinct.every((v) => typeof v === "number")) {
      const sorted = (distinct as number[]).sort((a, b) => a - b);
      for (const t of sorted.slice(1)) splits.push({ feature, op: "lt", value: t });
    } else {
      for (const v of distinct) splits.push({ feature, op: "eq", value: v as string | boolean });
    }
  }
  return splits;
}

function bestLeaf(groups: readonly Group[], optionCount: number): { tree: Tree; value: number } {
  const totals = new Array<number>(optionCount).fill(0);
  for (const g of groups) {
    g.totals.forEach((t, i) => {
      totals[i] = (totals[i] as number) + t;
    });
  }
  const value = Math.max(...totals);
  return { tree: { leaf: totals.indexOf(value) }, value };
}

function bestOfDepth(groups: readonly Group[], splits: readonly Split[], depth: number, optionCount: number) {
  let best = bestLeaf(groups, optionCount);
  if (depth === 0) return best;
  for (const split of splits) {
    const yes = groups.filter((g) => matches(split, g.features));
    if (yes.length === 0 || yes.length === groups.length) continue;
    const no = groups.filter((g) => !matches(split, g.features));
    const left = bestOfDepth(yes, splits, depth - 1, optionCount);
    const right = bestOfDepth(no, splits, depth - 1, optionCount);
    if (left.value + right.value > best.value + 1e-9) {
      best = { tree: { split, yes: left.tree, no: right.tree }, value: left.value + right.value };
    }
  }
  return best;
}

/** The best tree of depth <= maxDepth and its total expected conversions on `customers`. */
export function bestStaticTree(customers: readonly SimCustomer[], maxDepth = 2): { tree: Tree; value: number } {
  const groups = groupCustomers(customers);
  const optionCount = customers[0]?.rates.length ?? 0;
  return bestOfDepth(groups, candidateSplits(groups), maxDepth, optionCount);
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
