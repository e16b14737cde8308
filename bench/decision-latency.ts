/**
 * Latency of the production learning policy from a node's learned state: µs per choose() (production default of 400
 * confidence draws) and per update() (load, apply, save; every few hundred updates include a batch refit of one
 * option), one customer after another, each update with the customer's true rate of the chosen option as its reward.
 * Shared by the decision benches.
 */
import { type DecisionCandidate, InMemoryPolicyStateStore, LearningPolicy, seededRandom } from "@northstar/agent";
import { SIM_NODE_ID, SIM_OBJECTIVE, type SimCustomer } from "@northstar/agent/simulation";

export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summary(micros: readonly number[]): LatencySummary {
  const sorted = [...micros].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
  return {
    mean: Math.round(micros.reduce((a, b) => a + b, 0) / micros.length),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: at(1),
  };
}

export async function decisionLatency(
  state: unknown,
  customers: readonly SimCustomer[],
  candidates: readonly DecisionCandidate[],
  seed: number,
): Promise<{ choose: LatencySummary; update: LatencySummary; chooseAndUpdate: LatencySummary }> {
  const store = new InMemoryPolicyStateStore();
  await store.save(SIM_NODE_ID, state, null);
  const policy = new LearningPolicy({ store, random: seededRandom(seed) });
  const chooseMicros: number[] = [];
  const updateMicros: number[] = [];
  for (const customer of customers) {
    let at = performance.now();
    const decision = await policy.choose({
      objective: SIM_OBJECTIVE,
      customer: { id: customer.id, features: customer.features },
      candidates,
      node: { id: SIM_NODE_ID, exploration: 0.01, minConfidence: 0.6 },
    });
    chooseMicros.push((performance.now() - at) * 1000);
    at = performance.now();
    const reward = customer.rates[candidates.findIndex((o) => o.edgeId === decision.chosenEdgeId)] ?? 0;
    await policy.update({ nodeId: SIM_NODE_ID, edgeId: decision.chosenEdgeId, features: customer.features, reward });
    updateMicros.push((performance.now() - at) * 1000);
  }
  return {
    choose: summary(chooseMicros),
    update: summary(updateMicros),
    chooseAndUpdate: summary(chooseMicros.map((micros, i) => micros + (updateMicros[i] as number))),
  };
}
