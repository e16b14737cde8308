import { decisionPhase, NEAR_BEST_TOLERANCE } from "@northstar/journey";
import { filterEligible } from "../eligibility/eligibility";
import type { DecisionCandidate, DecisionInput, DecisionResult } from "../policy/types";
import { type Random, sampleNormal } from "../random";
import { cellPosition, resolveContext } from "./lookup";
import { activeFeatures, DEFAULT_PROBIT_PRIORS, type Gaussian, normalCdf, predictedRate } from "./probit";
import type { BanditState } from "./state";
import { scoreFromWeights, type UpdateConfig } from "./update";

export { applyReward } from "./update";

export interface ThompsonConfig extends UpdateConfig {
  /** Monte Carlo draws behind `confidence`; 400 put its standard error under 0.025. */
  confidenceSamples?: number;
  /**
   * Multiplies the posterior spread Thompson sampling draws from. 1 is textbook Thompson sampling; the default 0.2
   * explores less (the exploration floor still guarantees coverage), which the simulator measured as the better trade
   * with rare, delayed rewards and many weights per option.
   */
  samplingScale?: number;
}

export const DEFAULT_SAMPLING_SCALE = 0.2;

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** One decision from a node's state. Pure given `random`: same state, input and seed give the same decision. */
export function decide(
  state: BanditState,
  input: DecisionInput,
  random: Random,
  config: ThompsonConfig = {},
): DecisionResult {
  const { eligible, removed } = filterEligible(input.candidates, input.customer.features);
  if (eligible.length === 0) return fallbackDecision(input, removed);

  const priors = config.priors ?? DEFAULT_PROBIT_PRIORS;
  const context = resolveContext(state, input.customer.features, input.node.context ?? config.context);
  const features = activeFeatures(context.groups);
  const scores = eligible.map((candidate): Gaussian => {
    const option = state.options[candidate.edgeId];
    const position = cellPosition(state, candidate.edgeId, context.context);
    const cell = position === undefined ? undefined : option?.cells[position];
    return cell ? [cell[3], cell[4]] : scoreFromWeights(option, features, priors);
  });
  const rates = scores.map(predictedRate);
  const greedy = argmax(rates);

  // Thompson sampling: draw each option's score from its posterior and take the best draw.
  const scale = config.samplingScale ?? DEFAULT_SAMPLING_SCALE;
  let chosen = argmax(scores.map((score) => draw(score, random, scale)));
  const exploration = eligible.length > 1 ? input.node.exploration : 0;
  let floorPick = false;
  if (exploration > 0 && random() < exploration) {
    // The exploration floor keeps every option measured even once Thompson sampling has settled.
    const others = eligible.map((_, i) => i).filter((i) => i !== greedy);
    chosen = others[Math.floor(random() * others.length)] ?? chosen;
    floorPick = true;
  }
  const posterior = posteriorShares(scores, scale, random, config.confidenceSamples ?? 400);
  const confidence = posterior.nearBest[chosen] as number;
  const candidate = eligible[chosen] as DecisionCandidate;
  const explore = chosen !== greedy;
  const outcomes = state.options[candidate.edgeId]?.n ?? 0;
  const evidence = Math.min(...eligible.map((c) => state.options[c.edgeId]?.n ?? 0));
  const phase = decisionPhase({
    explore,
    confidence,
    evidence,
    minConfidence: input.node.minConfidence,
    hasFallback: Boolean(input.node.fallbackEdgeId),
  });
  // P(this option is chosen): Thompson sampling's share, or the floor's uniform pick among the non-greedy options.
  const propensities = eligible.map((_, i) => {
    const sampled = Math.max(posterior.sampled[i] as number, i === chosen && !floorPick ? posterior.resolution : 0);
    const floor = i === greedy ? 0 : exploration / (eligible.length - 1);
    return (1 - exploration) * sampled + floor;
  });

  const why = floorPick
    ? `Exploring "${candidate.label}" (exploration floor ${percent(input.node.exploration)})`
    : explore
      ? `Trying "${candidate.label}": it may still be the best option for customers like this`
      : `"${candidate.label}" has the highest expected reward for customers like this`;
  const rationale =
    `${why}: expected reward ${round(rates[chosen] as number)} ` +
    `(${describe(context.names) || "no features"}; ${outcomes} outcomes of this option so far); ` +
    `probability it is the best or within ${percent(NEAR_BEST_TOLERANCE)} of it: ${percent(confidence)}.` +
    (removed.length > 0 ? ` ${removed.length} option(s) not eligible.` : "");

  return {
    chosenEdgeId: candidate.edgeId,
    scores: Object.fromEntries(eligible.map((c, i) => [c.edgeId, round(rates[i] as number)])),
    explore,
    confidence: round(confidence),
    propensities: Object.fromEntries(eligible.map((c, i) => [c.edgeId, round(propensities[i] as number)])),
    evidence,
    rationale,
    policy: "learning",
    phase,
    needsReview: phase === "unsure_review",
    removed,
    usedFallback: false,
  };
}

/** Each feature by its most specific unit: "plan=pro, tenureMonths>=16". */
function describe(names: readonly (readonly string[])[]): string {
  return names.map((units) => units[units.length - 1]).join(", ");
}

function draw([mean, variance]: Gaussian, random: Random, scale = 1): number {
  return mean + scale * Math.sqrt(variance) * sampleNormal(random);
}

function fallbackDecision(input: DecisionInput, removed: DecisionResult["removed"]): DecisionResult {
  const fallback = input.node.fallbackEdgeId;
  const known = input.candidates.some((c) => c.edgeId === fallback);
  return {
    chosenEdgeId: known && fallback ? fallback : (input.candidates[0]?.edgeId ?? ""),
    scores: {},
    explore: false,
    confidence: 0,
    propensities: {},
    evidence: 0,
    phase: known ? "unsure_fallback" : "unsure_review",
    rationale: known
      ? "No option is eligible for this customer; taking the node's fallback option."
      : "No option is eligible and the node has no fallback; a person must decide.",
    policy: "learning",
    needsReview: !known,
    removed,
    usedFallback: known,
  };
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * One Monte Carlo pass over the posterior, with the same normal draws for both answers (common random numbers):
 * - `nearBest[i]`: P(option i's expected reward is the best, or within NEAR_BEST_TOLERANCE of the best), the
 *   decision's confidence;
 * - `sampled[i]`: P(Thompson sampling at `scale` picks option i), its propensity before the exploration floor.
 * `resolution` is the smallest share the draws can tell apart from zero (half a draw).
 */
export function posteriorShares(
  scores: readonly Gaussian[],
  scale: number,
  random: Random,
  draws: number,
): { nearBest: number[]; sampled: number[]; resolution: number } {
  const k = scores.length;
  if (k === 1) return { nearBest: [1], sampled: [1], resolution: 0 };
  const near = new Array<number>(k).fill(0);
  const picks = new Array<number>(k).fill(0);
  const rates = new Array<number>(k).fill(0);
  for (let d = 0; d < draws; d++) {
    // No array per draw: this loop is most of a decision's cost.
    let best = 0;
    let pick = 0;
    let pickScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      const [mean, variance] = scores[i] as Gaussian;
      const z = sampleNormal(random) * Math.sqrt(variance);
      const rate = normalCdf(mean + z);
      rates[i] = rate;
      if (rate > best) best = rate;
      const sampled = mean + scale * z;
      if (sampled > pickScore) {
        pickScore = sampled;
        pick = i;
      }
    }
    picks[pick] = (picks[pick] as number) + 1;
    const threshold = best * (1 - NEAR_BEST_TOLERANCE);
    for (let i = 0; i < k; i++) if ((rates[i] as number) >= threshold) near[i] = (near[i] as number) + 1;
  }
  return { nearBest: near.map((n) => n / draws), sampled: picks.map((n) => n / draws), resolution: 0.5 / draws };
}
