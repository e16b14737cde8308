import { customerFeatures, type DecisionInput as AgentDecisionInput } from "@northstar/agent";
import { boundMetric, type Guardrails } from "@northstar/journey";
import type { DecisionInput } from "./policy";

/** The key a node's learning is stored under: step ids are stable across versions, so republishing keeps it. */
export const nodeKeyOf = (journeyId: string, stepId: string) => `${journeyId}/${stepId}`;

/**
 * The one view of a decision that the agent package's policies get, from the runtime and the simulator alike: the
 * same node key, the same customer features (customerFeatures: identifying traits out, one level of nesting, the time
 * zone), the same objective metric and history. What is learned live is therefore what a simulation consults.
 */
export function agentDecisionInput(input: DecisionInput, guardrails?: Guardrails): AgentDecisionInput {
  const metric = boundMetric(input.objective);
  return {
    objective: { id: input.objective.id, name: input.objective.name, ...(metric ? { metric } : {}) },
    customer: { id: input.customer.id, features: customerFeatures(input.customer.traits, input.customer.timeZone) },
    candidates: input.candidates.map(({ edgeId, label, description }) => ({ edgeId, label, description })),
    history: input.history.map((h) => ({
      nodeId: nodeKeyOf(input.journeyId, h.stepId),
      edgeId: h.chosenEdgeId,
      at: h.at.toISOString(),
    })),
    node: {
      id: nodeKeyOf(input.journeyId, input.stepId),
      exploration: input.decision.exploration,
      minConfidence: input.decision.minConfidence,
      fallbackEdgeId: input.decision.fallback,
      ...(input.decision.learnsFrom ? { context: input.decision.learnsFrom } : {}),
    },
    ...(guardrails ? { guardrails } : {}),
  };
}
