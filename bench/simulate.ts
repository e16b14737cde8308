/**
 * Simulation benchmark: simulated customers per second of the pure simulator on a 10-node journey (entry, an agent
 * choosing among three messages, a wait for an event with a timeout, a follow-up, a wait, goal and exit) at 10,000
 * and 100,000 synthetic customers, in one process. Prints one JSON document with the rate, total seconds, CPU
 * seconds and the peak resident set size. Target: 100,000 customers in under 60 s.
 */
import { compile, hasErrors } from "@northstar/journey";
import {
  agentNode,
  compileContext,
  defineJourney,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  smsNode,
  waitNode,
} from "@northstar/journey/testing";
import { DEFAULT_SYNTHETIC_MIX, simulate, syntheticPopulation } from "@northstar/simulation";
import { LINT_CLEAN_EMAIL } from "@northstar/simulation/testing";

const SIZES = [10_000, 100_000];
const TARGET_SECONDS_AT_100K = 60;

const email = (id: string) =>
  messageNode(id, { channel: "email", purpose: "marketing", content: { ...LINT_CLEAN_EMAIL, templateId: id } });

const definition = defineJourney(
  [
    entryNode("entry", { holdoutShare: 0.1 }),
    agentNode("choose", { fallbackOptionEdgeId: "opt-a", minConfidence: 0.3 }),
    email("email-a"),
    email("email-b"),
    smsNode("sms"),
    waitNode("wait-report", { type: "until_event", event: "report_created", timeoutMinutes: 3 * 1_440 }),
    email("follow-up"),
    waitNode("wait-day", { type: "duration", minutes: 1_440 }),
    goalNode("goal"),
    exitNode("exit", "expired"),
  ],
  [
    edge("entry-choose", "entry", "choose"),
    optionEdge("opt-a", "choose", "email-a", { label: "Checklist email" }),
    optionEdge("opt-b", "choose", "email-b", { label: "Case study email" }),
    optionEdge("opt-sms", "choose", "sms", {
      label: "SMS nudge",
      eligibility: [{ field: "consent.sms", operator: "eq", value: true }],
    }),
    edge("a-wait", "email-a", "wait-report"),
    edge("b-wait", "email-b", "wait-report"),
    edge("sms-wait", "sms", "wait-report"),
    edge("report-goal", "wait-report", "goal"),
    edge("report-timeout", "wait-report", "follow-up", { sourceHandle: "timeout" }),
    edge("follow-wait", "follow-up", "wait-day"),
    edge("wait-exit", "wait-day", "exit"),
  ],
);

const compiled = compile(definition, compileContext());
if (!compiled.plan || hasErrors(compiled.diagnostics)) {
  throw new Error(`bench journey does not compile: ${JSON.stringify(compiled.diagnostics)}`);
}
const plan = compiled.plan;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const runs = [];
for (const size of SIZES) {
  const customers = syntheticPopulation(DEFAULT_SYNTHETIC_MIX, size, 1);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const results = await simulate({
    plan,
    workspaceId: "bench",
    journeyId: "bench-journey",
    versionId: "bench-version",
    customers,
    settings: { horizonDays: 14, seed: 1, start: new Date("2026-03-02T00:00:00Z") },
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  runs.push({
    customers: size,
    seconds: round(seconds),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
    customersPerSecond: Math.round(size / seconds),
    messages: results.messages.total,
    decisions: Object.values(results.options).reduce((sum, o) => sum + o.decisions, 0),
  });
}
clearInterval(sampler);

const last = runs[runs.length - 1];
console.log(
  JSON.stringify(
    {
      benchmark: "simulate",
      journeyNodes: definition.nodes.length,
      horizonDays: 14,
      runs,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      targetSecondsAt100k: TARGET_SECONDS_AT_100K,
      meetsTarget: last ? last.seconds < TARGET_SECONDS_AT_100K : false,
    },
    null,
    2,
  ),
);
