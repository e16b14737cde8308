export { agentDecisionInput, nodeKeyOf } from "./agent-adapter";
export { evaluateStep } from "./evaluate-step";
export {
  type DecisionCandidate,
  type DecisionHistoryItem,
  type DecisionInput,
  type DecisionPolicy,
  uniformRandomPolicy,
} from "./policy";
export { type ReviewVerdict, reviewResumption, reviewVerdictOf } from "./review";
export type {
  CustomerView,
  DecisionRecord,
  EnrollmentState,
  PreparedMessage,
  ReviewRequest,
  SendIntent,
  StepInput,
  StepOutcome,
  StepPorts,
  StepResult,
} from "./types";
