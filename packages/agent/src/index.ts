export * from "./policy/types";
export { customerFeatures, isFirstName, isIdentifying, isIdentifyingValue } from "./features/customer-features";
export {
  DEFAULT_MODEL_DATA_POLICY,
  type ModelDataPolicy,
  modelFeatures,
  withinModelDataPolicy,
} from "./features/model-features";
export { filterEligible, ruleHolds } from "./eligibility/eligibility";
export { type Random, seededRandom } from "./random";
export {
  InMemoryPolicyStateStore,
  type PolicyStateStore,
  type SaveResult,
  type StoredState,
} from "./state/policy-state-store";
export { LearningPolicy, type LearningPolicyOptions } from "./bandit/learning-policy";
export { applyReward, decide, DEFAULT_SAMPLING_SCALE, type ThompsonConfig } from "./bandit/thompson";
export { DEFAULT_PROBIT_PRIORS, type ProbitPriors } from "./bandit/probit";
export {
  type BanditState,
  emptyBanditState,
  type OptionStats,
  optionStats,
  parseBanditState,
  type TraitEncoding,
} from "./bandit/state";
export { type ContextOptions, contextOf } from "./bandit/context";
export * from "./evaluation";
export { type BudgetLedger, InMemoryBudgetLedger, type TokenPrice, utcDay } from "./llm/budget";
export { type FailureCode, type LlmSettings, structuredCall } from "./llm/structured-call";
export { LlmPolicy, type LlmPolicyOptions } from "./llm/llm-policy";
export {
  DELIVERABLE_FIELDS,
  type DeliverableField,
  GUARDRAIL_CODES,
  type GuardrailBlock,
  type GuardrailCode,
} from "./guardrails/blocks";
export {
  checkSend,
  type PastSend,
  quietHours,
  type SendCheckInput,
  type SendVerdict,
} from "./guardrails/send-guardrails";
export { type Deliverable, type LintOptions, lintDeliverable } from "./guardrails/content-lint";
export { fieldErrorsOf, lintOutgoing } from "./guardrails/outgoing-lint";
export {
  BRIEF_TEMPLATE_VERSION,
  fillVariables,
  type RenderedDeliverable,
  type RenderOptions,
  renderDeliverable,
} from "./render/render-deliverable";
