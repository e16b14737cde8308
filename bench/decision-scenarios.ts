/**
 * The decision policy across a family of random scenarios (packages/agent/src/simulation/random-scenario.ts: 3-8
 * hidden segments, 3-8 options with "send nothing" among them, mixed and partly irrelevant traits, some customers
 * unpredictable, rewards up to a week late), several seeds each. Per scenario (mean over its seeds), and over all
 * scenarios as mean and worst, the share of the oracle's uplift over random, over all customers and over the last
 * quarter, of: random; the best single option; a depth-2 tree fitted on a random pilot of the first 2,000 customers
 * (random allocation until their outcomes are in, the tree after); the depth-2 tree found with the true rates; the
 * learning policy; the same learning model told every option's outcome for every customer at once (full information:
 * the most the scenario allows it). Then, from the state each run ended with, µs per choose() and update() (p50, p95)
 * and the state's size as stored (JSON), and whether the targets are met.
 * `--rule-bins` also runs the policy with each number cut where the segments' rules cut it (the well-chosen bins);
 * `--learning-only` skips the full-information runs (and the target that needs them). A full run takes about an hour
 * on one core: split it (`20 3 20000 1` is also `5 3 20000 1`, `5 3 20000 6`, ...), save each output and summarise
 * them as one with `--merge out1.json out2.json ...`.
 * Usage: pnpm --filter @northstar/bench decision-scenarios [scenarios=20] [seeds=3] [customers=20000] [first=1]
 *   [--rule-bins] [--learning-only]
 *        pnpm --filter @northstar/bench decision-scenarios --merge <output files>
 */
import { readFileSync } from "node:fs";
import { InMemoryPolicyStateStore, seededRandom } from "@northstar/agent";
import { type RandomScenario, randomScenario, runSimulation, SIM_NODE_ID } from "@northstar/agent/simulation";
import { decisionLatency } from "./decision-latency";

const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const ruleBins = process.argv.includes("--rule-bins");
const learningOnly = process.argv.includes("--learning-only");
const merge = process.argv.includes("--merge");
const scenarioCount = Number(args[0] ?? 20);
const seedCount = Number(args[1] ?? 3);
const customers = Number(args[2] ?? 20_000);
const first = Number(args[3] ?? 1);
const LATENCY_SAMPLE = 500;

const TARGETS = {
  /** Mean last-quarter share over scenarios with at most 5 segments and 5 options. */
  smallScenariosLastQuarter: 0.85,
  /** Mean last-quarter share over all scenarios, against the full-information mean. */
  ofFullInformation: 0.9,
  /** Share of scenarios where the policy's share over all customers is at or above the pilot tree's. */
  atOrAbovePilotTree: 0.9,
  chooseAndUpdateP95Micros: 1_000,
  stateBytes: 1_000_000,
};

const METRICS = ["random", "bestOption", "pilotTree", "staticTree", "learning", "fullInformation"] as const;
type Metric = (typeof METRICS)[number] | "ruleBins";
type Shares = Partial<Record<Metric, number>>;

interface SeedResult {
  seed: number;
  allCustomers: Shares;
  lastQuarter: Shares;
  chooseP50: number;
  chooseP95: number;
  updateP50: number;
  updateP95: number;
  chooseAndUpdateP95: number;
  stateBytes: number;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function runSeed(scenario: RandomScenario, seed: number): Promise<SeedResult> {
  const store = new InMemoryPolicyStateStore();
  const report = await runSimulation({ scenario, seed, customers, store });
  const full = learningOnly ? undefined : await runSimulation({ scenario, seed, customers, fullInformation: true });
  const binned = ruleBins
    ? await runSimulation({ scenario, seed, customers, thompson: { context: { cuts: scenario.ruleCuts } } })
    : undefined;
  const shares = (pick: (r: typeof report) => typeof report.shareOfOracleUplift): Shares => ({
    random: 0,
    ...pick(report),
    ...(full ? { fullInformation: pick(full).learning } : {}),
    ...(binned ? { ruleBins: pick(binned).learning } : {}),
  });
  const state = (await store.load(SIM_NODE_ID))?.state;
  const sample = scenario.population(LATENCY_SAMPLE, seededRandom(seed + 1_000));
  const latency = await decisionLatency(state, sample, scenario.options, seed);
  return {
    seed,
    allCustomers: shares((r) => r.shareOfOracleUplift),
    lastQuarter: shares((r) => r.lastQuarter.shareOfOracleUplift),
    chooseP50: latency.choose.p50,
    chooseP95: latency.choose.p95,
    updateP50: latency.update.p50,
    updateP95: latency.update.p95,
    chooseAndUpdateP95: latency.chooseAndUpdate.p95,
    stateBytes: Buffer.byteLength(JSON.stringify(state)),
  };
}

/** Per metric, the mean over `rows`. */
function meanShares(rows: readonly Shares[]): Shares {
  const metrics = Object.keys(rows[0] ?? {}) as Metric[];
  return Object.fromEntries(metrics.map((m) => [m, round(mean(rows.map((row) => row[m] ?? 0)))]));
}

function summarise(scenario: RandomScenario, seeds: readonly SeedResult[]) {
  return {
    scenario: scenario.name,
    segments: scenario.segments.length,
    options: scenario.options.length,
    traits: scenario.traits.map((t) => `${t.name}:${t.kind}${t.relevant ? "" : " (irrelevant)"}`),
    unpredictableShare: round(scenario.unpredictableShare, 2),
    windowDays: scenario.windowDays,
    customersPerDay: scenario.customersPerDay,
    allCustomers: meanShares(seeds.map((s) => s.allCustomers)),
    lastQuarter: meanShares(seeds.map((s) => s.lastQuarter)),
    latencyMicros: {
      chooseP50: Math.round(mean(seeds.map((s) => s.chooseP50))),
      chooseP95: Math.max(...seeds.map((s) => s.chooseP95)),
      updateP50: Math.round(mean(seeds.map((s) => s.updateP50))),
      updateP95: Math.max(...seeds.map((s) => s.updateP95)),
      chooseAndUpdateP95: Math.max(...seeds.map((s) => s.chooseAndUpdateP95)),
    },
    stateBytes: Math.max(...seeds.map((s) => s.stateBytes)),
    perSeed: seeds.map((s) => ({ seed: s.seed, allCustomers: s.allCustomers, lastQuarter: s.lastQuarter })),
  };
}

type ScenarioResult = ReturnType<typeof summarise>;

/** Mean and worst over scenarios: the lowest share, the highest cost. */
const over = (values: readonly number[], worst: (v: number[]) => number, digits = 3) => ({
  mean: round(mean(values), digits),
  worst: round(worst([...values]), digits),
});

/** The summary over scenarios and the targets, met or not and by how much (`margin`: positive when met). */
function report(perScenario: readonly ScenarioResult[]) {
  const sharesSummary = (pick: (s: ScenarioResult) => Shares) =>
    Object.fromEntries(
      (Object.keys(pick(perScenario[0] as ScenarioResult)) as Metric[]).map((m) => [
        m,
        over(
          perScenario.map((s) => pick(s)[m] ?? 0),
          (v) => Math.min(...v),
        ),
      ]),
    );
  const cost = (pick: (s: ScenarioResult) => number) => over(perScenario.map(pick), (v) => Math.max(...v), 0);
  const small = perScenario.filter((s) => s.segments <= 5 && s.options <= 5);
  const smallLastQuarter = mean(small.map((s) => s.lastQuarter.learning ?? 0));
  const learningLastQuarter = mean(perScenario.map((s) => s.lastQuarter.learning ?? 0));
  const withFull = perScenario.every((s) => s.lastQuarter.fullInformation !== undefined);
  const fullLastQuarter = mean(perScenario.map((s) => s.lastQuarter.fullInformation ?? 0));
  const abovePilot = perScenario.filter((s) => (s.allCustomers.learning ?? 0) >= (s.allCustomers.pilotTree ?? 0));
  const worstP95 = Math.max(...perScenario.map((s) => s.latencyMicros.chooseAndUpdateP95));
  const worstBytes = Math.max(...perScenario.map((s) => s.stateBytes));
  return {
    summary: {
      allCustomers: sharesSummary((s) => s.allCustomers),
      lastQuarter: sharesSummary((s) => s.lastQuarter),
      latencyMicros: {
        chooseP50: cost((s) => s.latencyMicros.chooseP50),
        chooseP95: cost((s) => s.latencyMicros.chooseP95),
        updateP50: cost((s) => s.latencyMicros.updateP50),
        updateP95: cost((s) => s.latencyMicros.updateP95),
        chooseAndUpdateP95: cost((s) => s.latencyMicros.chooseAndUpdateP95),
      },
      stateBytes: cost((s) => s.stateBytes),
    },
    targets: {
      smallScenariosLastQuarter: {
        scenarios: small.map((s) => s.scenario),
        mean: round(smallLastQuarter),
        target: TARGETS.smallScenariosLastQuarter,
        margin: round(smallLastQuarter - TARGETS.smallScenariosLastQuarter),
        met: small.length > 0 && smallLastQuarter >= TARGETS.smallScenariosLastQuarter,
      },
      lastQuarterOfFullInformation: withFull
        ? {
            learning: round(learningLastQuarter),
            fullInformation: round(fullLastQuarter),
            ratio: round(learningLastQuarter / fullLastQuarter),
            meanOfPerScenarioRatios: round(
              mean(perScenario.map((s) => (s.lastQuarter.learning ?? 0) / (s.lastQuarter.fullInformation ?? 1))),
            ),
            target: TARGETS.ofFullInformation,
            margin: round(learningLastQuarter / fullLastQuarter - TARGETS.ofFullInformation),
            met: learningLastQuarter >= TARGETS.ofFullInformation * fullLastQuarter,
          }
        : { met: null, why: "run without full information (--learning-only)" },
      atOrAbovePilotTreeAllCustomers: {
        scenarios: `${abovePilot.length} of ${perScenario.length}`,
        share: round(abovePilot.length / perScenario.length),
        below: perScenario.filter((s) => !abovePilot.includes(s)).map((s) => s.scenario),
        target: TARGETS.atOrAbovePilotTree,
        margin: round(abovePilot.length / perScenario.length - TARGETS.atOrAbovePilotTree),
        met: abovePilot.length >= TARGETS.atOrAbovePilotTree * perScenario.length,
      },
      chooseAndUpdateP95Micros: {
        worst: worstP95,
        target: TARGETS.chooseAndUpdateP95Micros,
        margin: TARGETS.chooseAndUpdateP95Micros - worstP95,
        met: worstP95 < TARGETS.chooseAndUpdateP95Micros,
      },
      stateBytesPerNode: {
        worst: worstBytes,
        target: TARGETS.stateBytes,
        margin: TARGETS.stateBytes - worstBytes,
        met: worstBytes < TARGETS.stateBytes,
      },
    },
  };
}

if (merge) {
  // Runs split over several processes (e.g. scenarios 1-10 and 11-20 side by side), summarised as one.
  const runs = args.map((file) => {
    const text = readFileSync(file, "utf8");
    return JSON.parse(text.slice(text.indexOf("\n{") + 1)) as { customers: number; perScenario: ScenarioResult[] };
  });
  const perScenario = runs.flatMap((run) => run.perScenario);
  console.log(
    JSON.stringify({ merged: args, customers: runs[0]?.customers, ...report(perScenario), perScenario }, null, 2),
  );
} else {
  const started = performance.now();
  const perScenario: ScenarioResult[] = [];
  for (let id = first; id < first + scenarioCount; id++) {
    const scenario = randomScenario(id);
    const seeds: SeedResult[] = [];
    for (let seed = 1; seed <= seedCount; seed++) seeds.push(await runSeed(scenario, seed));
    perScenario.push(summarise(scenario, seeds));
    // Progress on stderr: the JSON on stdout comes at the end.
    console.error(`${scenario.name}: last quarter ${JSON.stringify(perScenario.at(-1)?.lastQuarter)}`);
  }
  const output = {
    customers,
    seedsPerScenario: seedCount,
    scenarios: [first, first + scenarioCount - 1],
    ...report(perScenario),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    perScenario,
  };
  console.log(JSON.stringify(output, null, 2));
}
