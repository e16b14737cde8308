export { runSimulation, SIM_NODE_ID, SIM_OBJECTIVE, type SimulationOptions, type SimulationReport } from "./run";
export { generatePopulation, OPTIONS, RATES, SEGMENTS, type Segment, type SimCustomer } from "./scenario";
export { bestStaticTree, describeTree, type Tree, treeChoice } from "./static-tree";
