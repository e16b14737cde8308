export * from "./bloat-score";
export * from "./filters";
export { journeyBloatDetail, JourneyDetailInput } from "./journey-detail";
export { dashboardOverview, type RankedJourney } from "./overview";
export type { OverlapPair } from "./overlap";
export { type ChannelPressure, messagePressure } from "./pressure";
export * from "./prune-branch";
export { listStaleBranches, type StaleBranch, staleBranchesCsv } from "./stale-branches";
export * from "./staleness";
