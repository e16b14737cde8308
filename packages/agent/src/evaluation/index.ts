export { type ArmCounts, type HoldoutLift, liftAgainstHoldout, type RateWithInterval } from "./holdout-lift";
export { type Interval, wilsonInterval } from "./intervals";
export { offlineEvaluation } from "./offline-evaluation";
export { DEFAULT_MIN_PROPENSITY } from "./estimators";
export { alwaysOption, bestSingleOption, currentPolicy, uniformRandom } from "./targets";
export type {
  DataDrivenTarget,
  Estimate,
  LoggedDecision,
  OfflineEvaluation,
  OfflineEvaluationOptions,
  RewardModelOptions,
  TargetEvaluation,
  TargetPolicy,
} from "./types";
