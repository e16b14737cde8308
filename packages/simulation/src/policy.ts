import {
  type CustomerFeatures,
  type FeatureValue,
  InMemoryPolicyStateStore,
  LearningPolicy,
  seededRandom,
} from "@northstar/agent";
import { agentDecisionInput, type DecisionInput, type DecisionPolicy } from "@northstar/engine";

/** Learned state per node key (`journeyId/stepId`), as persisted; the simulation copies it and never writes it back. */
export type PolicySnapshot = Record<string, unknown>;

/**
 * The Monte Carlo draws behind each decision's confidence. The runtime's default is 400 (standard error 0.025);
 * 200 (standard error under 0.035) halves the simulator's dominant cost and only moves the share of decisions near
 * the review threshold by that error.
 */
export const SIMULATION_CONFIDENCE_SAMPLES = 200;

/** The trait values a simulated message renders with (scalar traits and per-channel consent). */
export function renderFeaturesOf(customer: DecisionInput["customer"]): CustomerFeatures {
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
    choose: (input) => learning.choose(agentDecisionInput(input)),
  };
}
