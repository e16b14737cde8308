import { type ExecutionPlan, silentOptions } from "@northstar/journey";
import { findingsOf } from "./findings";
import type { RunSettings } from "./settings";
import { conversionRate, type Distribution, distributionOf, type RateEstimate } from "./statistics";
import type { BlockCount, OptionShares, Tally, Volume } from "./tally";

/** What a simulation reports; stored as JSON with the run. */
export interface SimulationResults {
  customers: number;
  holdout: number;
  horizonDays: number;
  seed: number;
  nodes: Record<string, Volume>;
  edges: Record<string, Volume>;
  /** Per agent node: how its decisions split over its options. */
  options: Record<string, OptionShares>;
  messages: {
    total: number;
    byChannel: Record<string, number>;
    byStep: Record<string, number>;
    /** Over every enrolled customer (holdout customers receive none). */
    perCustomer: Distribution;
    /** Decisions for an option that sends nothing (journey's silentOptions): a message each avoided. */
    avoided: number;
  };
  blocks: Record<string, BlockCount>;
  review: { customers: number; byStep: Record<string, number> };
  waiting: { customers: number; byStep: Record<string, number> };
  /** Finished customers by "STATE:reason". */
  finished: Record<string, number>;
  objective: {
    event: string | null;
    all: RateEstimate;
    treatment: RateEstimate;
    holdout: RateEstimate;
    method: string;
  };
  behaviour: RunSettings["behaviour"];
  /**
   * Plain-language explanations: why nothing was sent, why an agent sent everyone one way (findings.ts). Absent from
   * runs stored before findings existed.
   */
  findings?: string[];
}

const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

function split(converted: Uint8Array, holdout: Uint8Array, group: 0 | 1): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < converted.length; i++) if (holdout[i] === group) out.push(converted[i] as number);
  return Uint8Array.from(out);
}

export function summarise(input: {
  plan: ExecutionPlan;
  settings: RunSettings;
  objectiveEvent: string | null;
  tally: Tally;
  messages: Uint16Array;
  converted: Uint8Array;
  holdout: Uint8Array;
}): SimulationResults {
  const { settings, tally, messages, converted, holdout } = input;
  tally.finishShares();
  const samples = settings.bootstrapSamples;
  const results = {
    customers: messages.length,
    holdout: holdout.reduce((a, b) => a + b, 0),
    horizonDays: settings.horizonDays,
    seed: settings.seed,
    nodes: tally.nodes,
    edges: tally.edges,
    options: tally.options,
    messages: {
      total: total(tally.sendsByChannel),
      byChannel: tally.sendsByChannel,
      byStep: tally.sendsByStep,
      perCustomer: distributionOf(messages),
      avoided: Object.entries(tally.options).reduce((n, [stepId, shares]) => {
        const silent = silentOptions(input.plan, stepId);
        return n + Object.entries(shares.byEdge).reduce((m, [edgeId, e]) => m + (silent.has(edgeId) ? e.count : 0), 0);
      }, 0),
    },
    blocks: tally.blocks,
    review: { customers: total(tally.reviewByStep), byStep: tally.reviewByStep },
    waiting: { customers: total(tally.waitingByStep), byStep: tally.waitingByStep },
    finished: tally.finished,
    objective: {
      event: input.objectiveEvent,
      all: conversionRate(converted, samples, settings.seed),
      treatment: conversionRate(split(converted, holdout, 0), samples, settings.seed + 1),
      holdout: conversionRate(split(converted, holdout, 1), samples, settings.seed + 2),
      method:
        `Customers whose objective event falls within the attribution window and the horizon; 95% interval by ` +
        `percentile bootstrap over customers (${samples} resamples).`,
    },
    behaviour: settings.behaviour,
  };
  return { ...results, findings: findingsOf(results, input.plan) };
}
