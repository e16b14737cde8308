export {
  bestOptionOf,
  CURVE_WINDOW,
  type Figures,
  PILOT_CUSTOMERS,
  runSimulation,
  SIM_NODE_ID,
  SIM_OBJECTIVE,
  type SimulationOptions,
  type SimulationReport,
  STRATEGIES,
  type Strategy,
} from "./run";
export { generatePopulation, OPTIONS, RATES, RETAIL_SCENARIO, SEGMENTS, type Segment } from "./scenario";
export {
  bestStaticTree,
  describeTree,
  fitTree,
  type PilotOutcome,
  pilotTree,
  type Split,
  type Tree,
  type TreeRow,
  treeChoice,
} from "./static-tree";
export type { Scenario, SimCustomer } from "./types";
export {
  RANDOM_SCENARIO_RANGES,
  type RandomScenario,
  type RandomSegment,
  randomScenario,
  SEND_NOTHING,
} from "./random-scenario";
export type { Condition, Trait, TraitKind } from "./random-traits";
