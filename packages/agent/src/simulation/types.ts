import type { CustomerFeatures, DecisionCandidate } from "../policy/types";
import type { Random } from "../random";

export interface SimCustomer {
  id: string;
  features: CustomerFeatures;
  /** The hidden segment: what the oracle knows and no policy sees. */
  segment: string;
  /** True conversion probability per option, in the scenario's option order. */
  rates: readonly number[];
}

/** A synthetic population and the options a node chooses among for it (scenario.ts, random-scenario.ts). */
export interface Scenario {
  name: string;
  options: readonly DecisionCandidate[];
  /**
   * Customers arriving between a decision and the close of its attribution window: a conversion lands at a uniform
   * delay within it, a non-conversion when it closes.
   */
  delayCustomers: number;
  /** Customers drawn with `random`: the same scenario and seed give the same customers. */
  population(size: number, random: Random): SimCustomer[];
}
