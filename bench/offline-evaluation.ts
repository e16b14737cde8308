/**
 * Offline evaluation checked against the truth. Each run: a simulated population (packages/agent simulation), a 5%
 * holdout drawn at entry (no message), the learning policy deciding online for everyone else with each reward drawn
 * from the customer's true rate and returned at once, the propensity of each choice logged from its DecisionResult.
 * Then every target is evaluated offline from that log (SNIPS, DR with a per-option reward model, DR with a
 * per-option-per-context one) and compared with its true value on the same customers, computed from their true rates:
 * the mean of Σₐ π(a|customer)·rate(customer, a) over the logged decisions (for the current policy, π is its logged
 * distribution; for the cross-fitted best single option, each fold's pick weighted by its fold's size). The holdout
 * lift is compared with the treated customers' mean expected rate under the policy minus all customers' mean rate
 * without a message, taken here as 60% of their mean rate over the options (the simulator has no such rate).
 * Printed per target and estimator over all runs: mean estimate, mean truth, bias, RMSE, mean interval width, and
 * the coverage of the 95% interval (share of runs covering the truth), against a target of 0.9.
 * Runs stop early when the next one would likely end past a 240-second budget; the output says so.
 * Usage: pnpm --filter @northstar/bench exec tsx offline-evaluation.ts [runs=100] [customers=2000]
 */
import {
  alwaysOption,
  bestSingleOption,
  currentPolicy,
  type DataDrivenTarget,
  InMemoryPolicyStateStore,
  LearningPolicy,
  type LoggedDecision,
  liftAgainstHoldout,
  offlineEvaluation,
  seededRandom,
  type TargetEvaluation,
  type TargetPolicy,
  uniformRandom,
} from "@northstar/agent";
import { generatePopulation, OPTIONS, SIM_NODE_ID, SIM_OBJECTIVE } from "@northstar/agent/simulation";

const runs = Number(process.argv[2] ?? 100);
const customers = Number(process.argv[3] ?? 2_000);
const HOLDOUT_SHARE = 0.05;
const EXPLORATION = 0.01;
/** Conversion without a message, as a share of the customer's mean rate over the options. */
const NO_MESSAGE_FACTOR = 0.6;
const COVERAGE_TARGET = 0.9;
const TIME_BUDGET_SECONDS = 240;
const CONTEXT_FEATURES = ["plan", "device", "region", "lastCategory"];
const FALLBACK = OPTIONS[0]?.edgeId ?? "";
const EDGE_IDS = OPTIONS.map((o) => o.edgeId);

type Customer = ReturnType<typeof generatePopulation>[number];
type Estimator = "snips" | "dr" | "drContext";
const ESTIMATORS: readonly Estimator[] = ["snips", "dr", "drContext"];

const targets: (TargetPolicy | DataDrivenTarget)[] = [
  uniformRandom(),
  bestSingleOption(),
  alwaysOption(FALLBACK, `fallback (${FALLBACK})`),
  currentPolicy(),
  ...EDGE_IDS.filter((edgeId) => edgeId !== FALLBACK).map((edgeId) => alwaysOption(edgeId)),
];

interface Outcome {
  estimate: number | null;
  truth: number;
  low: number;
  high: number;
}
const outcomes = new Map<string, Outcome[]>();
const effectiveSizes = new Map<string, number[]>();
const record = (key: string, outcome: Outcome) => outcomes.set(key, [...(outcomes.get(key) ?? []), outcome]);

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** Expected reward of a target on one logged customer, from the customer's true rates. */
function trueValue(target: TargetPolicy, decision: LoggedDecision, customer: Customer): number {
  const given = target.probabilities(decision);
  const total = decision.candidates.reduce((sum, edgeId) => sum + (given[edgeId] ?? 0), 0);
  return decision.candidates.reduce(
    (sum, edgeId) => sum + ((given[edgeId] ?? 0) / total) * (customer.rates[EDGE_IDS.indexOf(edgeId)] ?? 0),
    0,
  );
}

async function run(seed: number): Promise<void> {
  const population = generatePopulation(customers, seededRandom(seed));
  const random = seededRandom(seed ^ 0x5eed);
  const policy = new LearningPolicy({ store: new InMemoryPolicyStateStore(), random: seededRandom(seed ^ 0xbead) });
  const logged: LoggedDecision[] = [];
  const served: Customer[] = [];
  const policyValue: number[] = [];
  const holdout = { conversions: 0, customers: 0 };
  let noMessageSum = 0;
  for (const customer of population) {
    const noMessage = NO_MESSAGE_FACTOR * mean(customer.rates);
    noMessageSum += noMessage;
    if (random() < HOLDOUT_SHARE) {
      holdout.customers++;
      if (random() < noMessage) holdout.conversions++;
      continue;
    }
    const decision = await policy.choose({
      objective: SIM_OBJECTIVE,
      customer: { id: customer.id, features: customer.features },
      candidates: OPTIONS,
      node: { id: SIM_NODE_ID, exploration: EXPLORATION, minConfidence: 0.6 },
    });
    const chosen = decision.chosenEdgeId;
    const reward = random() < (customer.rates[EDGE_IDS.indexOf(chosen)] ?? 0) ? 1 : 0;
    await policy.update({ nodeId: SIM_NODE_ID, edgeId: chosen, features: customer.features, reward });
    logged.push({
      features: customer.features,
      candidates: EDGE_IDS,
      chosen,
      propensity: decision.propensities[chosen] ?? null,
      reward,
    });
    served.push(customer);
    policyValue.push(
      EDGE_IDS.reduce((sum, edgeId, k) => sum + (decision.propensities[edgeId] ?? 0) * (customer.rates[k] ?? 0), 0),
    );
  }

  const truthOf = (evaluation: TargetEvaluation, target: TargetPolicy | DataDrivenTarget): number => {
    if ("fit" in target) {
      const folds = evaluation.folds ?? [];
      const total = folds.reduce((sum, fold) => sum + fold.decisions, 0);
      return folds.reduce((sum, fold) => sum + (fold.decisions / total) * truthOf(evaluation, fold.target), 0);
    }
    if (target.onPolicy) return mean(policyValue);
    return mean(logged.map((d, i) => trueValue(target, d, served[i] as Customer)));
  };
  const plain = offlineEvaluation(logged, targets);
  const context = offlineEvaluation(logged, targets, { rewardModel: { contextFeatures: CONTEXT_FEATURES } });
  targets.forEach((target, t) => {
    const evaluation = plain.targets[t] as TargetEvaluation;
    const truth = truthOf(evaluation, target);
    const estimates = {
      snips: evaluation.snips,
      dr: evaluation.dr,
      drContext: (context.targets[t] as TargetEvaluation).dr,
    };
    for (const estimator of ESTIMATORS) {
      const { value, low, high } = estimates[estimator];
      record(`${target.name}/${estimator}`, { estimate: value, truth, low, high });
    }
    effectiveSizes.set(target.name, [...(effectiveSizes.get(target.name) ?? []), evaluation.effectiveSampleSize]);
  });

  const treated = { conversions: logged.filter((d) => d.reward === 1).length, customers: logged.length };
  const lift = liftAgainstHoldout(treated, holdout);
  const truth = mean(policyValue) - noMessageSum / population.length;
  record("holdoutLift", { estimate: lift.lift, truth, low: lift.low, high: lift.high });
}

function summarise(key: string) {
  const list = outcomes.get(key) ?? [];
  const estimated = list.filter((o) => o.estimate !== null);
  const errors = estimated.map((o) => (o.estimate as number) - o.truth);
  const coverage = mean(list.map((o) => (o.low <= o.truth && o.truth <= o.high ? 1 : 0)));
  return {
    meanEstimate: round(mean(estimated.map((o) => o.estimate as number))),
    truth: round(mean(list.map((o) => o.truth))),
    bias: round(mean(errors)),
    rmse: round(Math.sqrt(mean(errors.map((e) => e * e)))),
    meanWidth: round(mean(list.map((o) => o.high - o.low))),
    coverage: round(coverage, 3),
    ...(estimated.length < list.length ? { runsWithoutEstimate: list.length - estimated.length } : {}),
    met: coverage >= COVERAGE_TARGET,
  };
}

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
let completed = 0;
// Bounded time on a shared machine: no run starts that would likely end past the budget.
while (completed < runs && (completed === 0 || elapsed() * (1 + 1 / completed) < TIME_BUDGET_SECONDS)) {
  await run(++completed);
}
const offline = Object.fromEntries(
  targets.map((target) => {
    const summaries = ESTIMATORS.map((estimator) => [estimator, summarise(`${target.name}/${estimator}`)] as const);
    return [
      target.name,
      {
        meanEffectiveSampleSize: Math.round(mean(effectiveSizes.get(target.name) ?? [])),
        ...Object.fromEntries(summaries),
        met: summaries.every(([, summary]) => summary.met),
      },
    ];
  }),
);
const holdoutLift = summarise("holdoutLift");
const allMet = Object.values(offline).every((t) => t.met) && holdoutLift.met;
console.log(
  JSON.stringify(
    {
      runs: completed,
      ...(completed < runs ? { runsRequested: runs, stoppedAtTimeBudgetSeconds: TIME_BUDGET_SECONDS } : {}),
      customers,
      holdoutShare: HOLDOUT_SHARE,
      exploration: EXPLORATION,
      seconds: round((performance.now() - started) / 1000, 1),
      coverageTarget: COVERAGE_TARGET,
      offline,
      holdoutLift,
      allCoverageTargetsMet: allMet,
    },
    null,
    2,
  ),
);
