/**
 * Decision-policy benchmark: one simulated run of a 20,000-customer population with hidden segments and delayed
 * outcomes (packages/agent/src/simulation). Prints expected conversions per 1,000 customers for uniform random, the
 * best single option, a depth-2 tree fitted on a random pilot of the first 2,000 customers, the best static if/then
 * tree of depth <= 2 (searched knowing the true rates), the built-in learning policy and the oracle (which knows each
 * customer's hidden segment), and their shares of the oracle's uplift over random: over all customers (learning
 * included), over the last quarter (after learning) and, for the policy, per 2,000-customer window (the learning
 * curve, with the customers by which it passes the tree and reaches 0.8 for good). Then, from the state the run ended
 * with: its size as stored (JSON) and the latency of choose() and update() (decision-latency.ts).
 * Usage: pnpm --filter @northstar/bench decisions [customers] [seed]
 */
import { InMemoryPolicyStateStore, seededRandom } from "@northstar/agent";
import { generatePopulation, OPTIONS, runSimulation, SIM_NODE_ID } from "@northstar/agent/simulation";
import { decisionLatency } from "./decision-latency";

const customers = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 7);
const started = performance.now();
const store = new InMemoryPolicyStateStore();
const report = await runSimulation({ customers, seed, exploration: 0.01, store });
const wallMs = Math.round(performance.now() - started);
const targets = {
  beatsStaticTree: {
    allCustomers: report.perThousand.learning > report.perThousand.staticTree,
    lastQuarter: report.lastQuarter.perThousand.learning > report.lastQuarter.perThousand.staticTree,
    // "Beats the tree within 20,000 customers": a window above the tree's share of its customers, and every later one.
    passedWithinRun: report.passesStaticTreeAt !== null,
  },
  atLeast80PercentOfOracleUplift: {
    allCustomers: report.shareOfOracleUplift.learning >= 0.8,
    lastQuarter: report.lastQuarter.shareOfOracleUplift.learning >= 0.8,
    // "Reaches 80% within 20,000 customers": a window of the learning curve at 0.8 or more, and every later one too.
    reachedWithinRun: report.reachesEightyPercentAt !== null,
  },
};

const endState = (await store.load(SIM_NODE_ID))?.state;
const stateBytes = Buffer.byteLength(JSON.stringify(endState));
const latency = await decisionLatency(endState, generatePopulation(2_000, seededRandom(seed + 1)), OPTIONS, seed);

console.log(
  JSON.stringify(
    {
      ...report,
      targets,
      endState: { bytes: stateBytes },
      latencyMicros: { choose: latency.choose, update: latency.update },
      wallMs,
    },
    null,
    2,
  ),
);
