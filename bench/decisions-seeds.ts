/**
 * The decision-policy benchmark over several seeds: one simulated run per seed (see decisions.ts), summarised as one
 * JSON object with the mean and the per-seed figures. A single seed's share of the oracle's uplift moves by a few
 * points between seeds, so a change to the policy is judged on several.
 * Usage: pnpm --filter @northstar/bench decisions-seeds [customers] [first seed] [last seed]
 */
import { InMemoryPolicyStateStore } from "@northstar/agent";
import { runSimulation, SIM_NODE_ID } from "@northstar/agent/simulation";

const customers = Number(process.argv[2] ?? 20_000);
const first = Number(process.argv[3] ?? 1);
const last = Number(process.argv[4] ?? 5);

const perSeed = [];
for (let seed = first; seed <= last; seed++) {
  const store = new InMemoryPolicyStateStore();
  const report = await runSimulation({ customers, seed, exploration: 0.01, store });
  perSeed.push({
    seed,
    allCustomers: report.shareOfOracleUplift.learning,
    lastQuarter: report.lastQuarter.shareOfOracleUplift.learning,
    staticTree: report.shareOfOracleUplift.staticTree,
    passesStaticTreeAt: report.passesStaticTreeAt,
    reachesEightyPercentAt: report.reachesEightyPercentAt,
    curve: report.curve.map((point) => point.share),
    stateBytes: Buffer.byteLength(JSON.stringify((await store.load(SIM_NODE_ID))?.state)),
  });
}

const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(3));
console.log(
  JSON.stringify({
    customers,
    seeds: [first, last],
    mean: {
      allCustomers: mean(perSeed.map((s) => s.allCustomers)),
      lastQuarter: mean(perSeed.map((s) => s.lastQuarter)),
      staticTree: mean(perSeed.map((s) => s.staticTree)),
      passedStaticTree: perSeed.filter((s) => s.passesStaticTreeAt !== null).length,
      reachedEightyPercent: perSeed.filter((s) => s.reachesEightyPercentAt !== null).length,
      stateBytes: Math.round(mean(perSeed.map((s) => s.stateBytes))),
    },
    perSeed,
  }),
);
