export { BehaviourModel } from "./behaviour";
export { renderFeaturesOf, type PolicySnapshot, SIMULATION_CONFIDENCE_SAMPLES, simulatedPolicy } from "./policy";
export { type SimulatedCustomer, syntheticPopulation } from "./population";
export {
  type Behaviour,
  type BehaviourInput,
  behaviourSchema,
  DEFAULT_SYNTHETIC_MIX,
  MAX_HORIZON_DAYS,
  MAX_POPULATION,
  type RunSettings,
  type RunSettingsInput,
  runSettingsSchema,
  type SyntheticProfile,
  syntheticMixSchema,
  syntheticProfileSchema,
} from "./settings";
export { SimulationCancelled, type SimulationInput, simulate } from "./simulate";
export type { Distribution, RateEstimate } from "./statistics";
export type { SimulationResults } from "./summary";
export type { BlockCount, OptionShares, Volume } from "./tally";
