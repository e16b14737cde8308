/**
 * Compile benchmark: median wall time of `compile` on valid generated journeys of 100, 1,000 and 10,000 nodes, and
 * how time per node grows between sizes (1.0 = perfectly linear). Prints one JSON document. On a shared machine,
 * compare wall time with CPU time: a wall time far above CPU time means other processes were competing.
 */
import { compile, hasErrors } from "@northstar/journey";
import { compileContext, generateLargeJourney } from "@northstar/journey/testing";

const SIZES = [100, 1_000, 10_000];
const WARMUP_RUNS = 5;
const RUNS = 9;
const TARGET_MS_AT_10K = 250;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

const results = SIZES.map((nodes) => {
  const definition = generateLargeJourney(nodes);
  const context = compileContext();
  const first = compile(definition, context);
  if (hasErrors(first.diagnostics) || !first.plan) {
    throw new Error(`generated ${nodes}-node journey does not compile: ${first.diagnostics[0]?.message}`);
  }
  for (let i = 0; i < WARMUP_RUNS; i++) compile(definition, context);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    compile(definition, context);
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const medianMs = median(times);
  return {
    nodes,
    edges: definition.edges.length,
    runs: RUNS,
    medianMs: round(medianMs, 2),
    minMs: round(Math.min(...times), 2),
    maxMs: round(Math.max(...times), 2),
    microsecondsPerNode: round((medianMs * 1000) / nodes, 2),
    // CPU time of the process (includes GC threads); wall time above is what a caller waits.
    medianCpuMs: round(median(cpuTimes), 2),
  };
});

const growth: Record<string, { sizeRatio: number; timeRatio: number; perNodeGrowth: number }> = {};
for (let i = 1; i < results.length; i++) {
  const small = results[i - 1] as (typeof results)[number];
  const large = results[i] as (typeof results)[number];
  const sizeRatio = large.nodes / small.nodes;
  const timeRatio = large.medianMs / small.medianMs;
  growth[`${large.nodes}/${small.nodes}`] = {
    sizeRatio,
    timeRatio: round(timeRatio, 2),
    perNodeGrowth: round(timeRatio / sizeRatio, 2),
  };
}

const largest = results[results.length - 1] as (typeof results)[number];
console.log(
  JSON.stringify(
    {
      benchmark: "compile",
      node: process.version,
      results,
      growth,
      target: { nodes: 10_000, maxMedianMs: TARGET_MS_AT_10K, met: largest.medianMs < TARGET_MS_AT_10K },
    },
    null,
    2,
  ),
);
