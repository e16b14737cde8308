import { LearningPolicy } from "../bandit/learning-policy";
import type { ThompsonConfig } from "../bandit/thompson";
import type { DecisionPolicy, ObjectiveSummary, RewardObservation } from "../policy/types";
import { seededRandom } from "../random";
import { InMemoryPolicyStateStore, type PolicyStateStore } from "../state/policy-state-store";
import { generatePopulation, OPTIONS, type SimCustomer } from "./scenario";
import { bestStaticTree, describeTree, type Tree, treeChoice } from "./static-tree";

export interface SimulationOptions {
  customers: number;
  seed: number;
  /** Customers arriving between a decision and its outcome at most: a conversion lands at a uniform delay within it, a
   * non-conversion when it closes (the attribution window). */
  delayCustomers?: number;
  exploration?: number;
  thompson?: ThompsonConfig;
  /** Policy under test; default the built-in LearningPolicy with an in-memory store. */
  policy?: DecisionPolicy;
  /** Where the default policy keeps its state, to inspect it after the run. */
  store?: PolicyStateStore;
}

export const SIM_OBJECTIVE: ObjectiveSummary = {
  id: "sim-objective",
  name: "Repeat purchase",
  metric: { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" },
};
export const SIM_NODE_ID = "sim-journey/offer-agent";

export interface SimulationReport {
  customers: number;
  seed: number;
  delayCustomers: number;
  /** Expected conversions per 1,000 customers (true rate of the option each customer received). */
  perThousand: { random: number; staticTree: number; learning: number; oracle: number };
  /** (policy - random) / (oracle - random). */
  shareOfOracleUplift: { staticTree: number; learning: number };
  /** The same figures over the last quarter of customers only: where the learning policy stands after learning. */
  lastQuarter: {
    perThousand: { random: number; staticTree: number; learning: number; oracle: number };
    shareOfOracleUplift: { staticTree: number; learning: number };
  };
  /**
   * The learning policy's share of the oracle's uplift per window of `CURVE_WINDOW` customers, in order, with the
   * static tree's share of the same customers: how soon it gets where it ends up. `reachesEightyPercentAt` is the last
   * customer of the first window at or above 0.8 after which every later window stays there too;
   * `passesStaticTreeAt` the same for the first window above the tree's share (null when it does not).
   */
  curve: { until: number; share: number; staticTree: number }[];
  reachesEightyPercentAt: number | null;
  passesStaticTreeAt: number | null;
  learningDecisions: { explored: number; needsReview: number };
  staticTree: string;
}

export const CURVE_WINDOW = 2_000;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** One simulated run. The population, the outcomes and the policy's sampling all derive from `seed`. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const delay = options.delayCustomers ?? 1_000;
  const population = generatePopulation(options.customers, seededRandom(options.seed));
  const outcomes = seededRandom(options.seed ^ 0x5eed);
  const policy =
    options.policy ??
    new LearningPolicy({
      store: options.store ?? new InMemoryPolicyStateStore(),
      random: seededRandom(options.seed ^ 0xbead),
      // 200 draws keep the confidence's standard error under 0.035 at half the cost of the production default.
      confidenceSamples: 200,
      ...options.thompson,
    });

  // The strongest rule-based competitor is searched on the whole population, knowing the true rates.
  const tree = bestStaticTree(population);
  const due = new Map<number, RewardObservation[]>();
  const quarterStart = Math.floor(options.customers * 0.75);
  let learning = 0;
  let lastQuarter = 0;
  const perWindow: number[] = [];
  let explored = 0;
  let needsReview = 0;

  for (let i = 0; i < population.length; i++) {
    for (const observation of due.get(i) ?? []) await policy.update(observation);
    due.delete(i);
    const customer = population[i] as SimCustomer;
    const decision = await policy.choose({
      objective: SIM_OBJECTIVE,
      customer: { id: customer.id, features: customer.features },
      candidates: OPTIONS,
      node: { id: SIM_NODE_ID, exploration: options.exploration ?? 0.01, minConfidence: 0.6 },
    });
    const index = OPTIONS.findIndex((o) => o.edgeId === decision.chosenEdgeId);
    const rate = customer.rates[index] ?? 0;
    learning += rate;
    if (i >= quarterStart) lastQuarter += rate;
    const window = Math.floor(i / CURVE_WINDOW);
    perWindow[window] = (perWindow[window] ?? 0) + rate;
    if (decision.explore) explored++;
    if (decision.needsReview) needsReview++;
    const converted = outcomes() < rate;
    const at = i + (converted ? 1 + Math.floor(outcomes() * delay) : delay);
    const list = due.get(at) ?? [];
    list.push({
      nodeId: SIM_NODE_ID,
      edgeId: decision.chosenEdgeId,
      features: customer.features,
      reward: converted ? 1 : 0,
    });
    due.set(at, list);
  }

  const whole = figures(population, tree.tree, learning);
  const last = figures(population.slice(quarterStart), tree.tree, lastQuarter);
  const curve = perWindow.map((sum, w) => {
    const customers = population.slice(w * CURVE_WINDOW, (w + 1) * CURVE_WINDOW);
    const { shareOfOracleUplift } = figures(customers, tree.tree, sum);
    return {
      until: w * CURVE_WINDOW + customers.length,
      share: shareOfOracleUplift.learning,
      staticTree: shareOfOracleUplift.staticTree,
    };
  });
  /** The last customer of the first window from which every window meets `holds`. */
  const staysFrom = (holds: (point: (typeof curve)[number]) => boolean) => {
    const first = curve.findIndex((_, w) => curve.slice(w).every(holds));
    return first === -1 ? null : (curve[first]?.until ?? null);
  };
  return {
    customers: population.length,
    seed: options.seed,
    delayCustomers: delay,
    ...whole,
    lastQuarter: last,
    curve,
    reachesEightyPercentAt: staysFrom((point) => point.share >= 0.8),
    passesStaticTreeAt: staysFrom((point) => point.share > point.staticTree),
    learningDecisions: { explored, needsReview },
    staticTree: describeTree(
      tree.tree,
      OPTIONS.map((o) => o.edgeId),
    ),
  };
}

function figures(customers: readonly SimCustomer[], tree: Tree, learning: number) {
  const n = customers.length;
  const mean = (rates: readonly number[]) => rates.reduce((a, b) => a + b, 0) / rates.length;
  const random = customers.reduce((sum, c) => sum + mean(c.rates), 0);
  const oracle = customers.reduce((sum, c) => sum + Math.max(...c.rates), 0);
  const staticTree = customers.reduce((sum, c) => sum + (c.rates[treeChoice(tree, c.features)] ?? 0), 0);
  const perThousand = (value: number) => round((value / n) * 1000);
  const share = (value: number) => round((value - random) / (oracle - random), 3);
  return {
    perThousand: {
      random: perThousand(random),
      staticTree: perThousand(staticTree),
      learning: perThousand(learning),
      oracle: perThousand(oracle),
    },
    shareOfOracleUplift: { staticTree: share(staticTree), learning: share(learning) },
  };
}
