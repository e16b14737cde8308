/**
 * Decision-policy benchmark: one simulated run of a 20,000-customer population with hidden segments and delayed
 * outcomes (packages/agent/src/simulation). Prints expected conversions per 1,000 customers for uniform random, the
 * best static if/then tree of depth <= 2 (searched knowing the true rates), the built-in learning policy and the
 * oracle (which knows each customer's hidden segment), and the learning policy's share of the oracle's uplift over
 * random: over all customers (learning included) and over the last quarter (after learning).
 * Usage: pnpm --filter @northstar/bench decisions [customers] [seed]
 */
import { runSimulation } from "@northstar/agent/simulation";

const customers = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 7);
const started = performance.now();
const report = await runSimulation({ customers, seed, exploration: 0.01 });
const targets = {
  beatsStaticTree: {
    allCustomers: report.perThousand.learning > report.perThousand.staticTree,
    lastQuarter: report.lastQuarter.perThousand.learning > report.lastQuarter.perThousand.staticTree,
  },
  atLeast80PercentOfOracleUplift: {
    allCustomers: report.shareOfOracleUplift.learning >= 0.8,
    lastQuarter: report.lastQuarter.shareOfOracleUplift.learning >= 0.8,
  },
};
console.log(JSON.stringify({ ...report, targets, wallMs: Math.round(performance.now() - started) }, null, 2));
