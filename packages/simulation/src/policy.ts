import {
  type CustomerFeatures,
  type FeatureValue,
  InMemoryPolicyStateStore,
  LearningPolicy,
  type ObjectiveSummary,
  seededRandom,
} from "@northstar/agent";
import type { DecisionInput, DecisionOutput, DecisionPolicy } from "@northstar/engine";

/** Learned state per node key (`journeyId/stepId`), as persisted; the simulation copies it and never writes it back. */
export type PolicySnapshot = Record<string, unknown>;

/**
 * The Monte Carlo draws behind each decision's confidence. The runtime's default is 400 (standard error 0.025);
 * 200 (standard error under 0.035) halves the simulator's dominant cost and only moves the share of decisions near
 * the review threshold by that error.
 */
export const SIMULATION_CONFIDENCE_SAMPLES = 200;

/** What the learning policy reads of a customer: scalar traits and per-channel consent. */
export function featuresOf(customer: DecisionInput["customer"]): CustomerFeatures {
  const features: CustomerFeatures = {};
  for (const [key, value] of Object.entries(customer.traits ?? {})) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      features[key] = value as FeatureValue;
    }
  }
  for (const [channel, given] of Object.entries(customer.consent ?? {})) {
    if (typeof given === "boolean") features[`consent_${channel}`] = given;
  }
  return features;
}

function objectiveSummary(input: DecisionInput): ObjectiveSummary {
  const metric = input.objective.metric as { event?: string; aggregation?: string; attributionWindowDays?: number };
  return {
    id: input.objective.id,
    name: input.objective.name,
    ...(typeof metric?.event === "string"
      ? {
          metric: {
            event: metric.event,
            aggregation: metric.aggregation === "sum" ? "sum" : "count",
            windowDays: metric.attributionWindowDays ?? 14,
            direction: "increase",
          },
        }
      : {}),
  };
}

/**
 * The built-in learning policy behind the engine's policy port, on an in-memory store seeded from `snapshot`. Nodes
 * configured for the LLM (or both) get it too: the simulator calls no model, as the runtime falls back to the
 * built-in policy without one. Nothing is learned during a run (no rewards are applied), so the store is only read.
 */
export async function simulatedPolicy(seed: number, snapshot: PolicySnapshot = {}): Promise<DecisionPolicy> {
  const store = new InMemoryPolicyStateStore();
  for (const [key, state] of Object.entries(snapshot)) await store.save(key, structuredClone(state), null);
  const learning = new LearningPolicy({
    store,
    random: seededRandom(seed ^ 0xbead),
    confidenceSamples: SIMULATION_CONFIDENCE_SAMPLES,
  });
  return {
    name: learning.name,
    async choose(input: DecisionInput): Promise<DecisionOutput> {
      const result = await learning.choose({
        objective: objectiveSummary(input),
        customer: { id: input.customer.id, features: featuresOf(input.customer) },
        candidates: input.candidates.map((c) => ({ edgeId: c.edgeId, label: c.label, description: c.description })),
        history: input.history.map((h) => ({ nodeId: h.stepId, edgeId: h.chosenEdgeId, at: h.at.toISOString() })),
        node: {
          id: `${input.journeyId}/${input.stepId}`,
          exploration: input.decision.exploration,
          minConfidence: input.decision.minConfidence,
          fallbackEdgeId: input.decision.fallback,
        },
      });
      return {
        optionEdgeId: result.chosenEdgeId,
        scores: result.scores,
        explore: result.explore,
        confidence: result.confidence,
        rationale: result.rationale,
        policy: result.policy,
      };
    },
  };
}
