export * from "./schema/index";
export { resolveGuardrails } from "./guardrails/resolve-guardrails";
export { compile, type CompileResult } from "./compile/compile";
export {
  type CompileContext,
  compileContextSchema,
  DEFAULT_STALE_AFTER_DAYS,
  type EdgeActivity,
  type JourneyActivity,
  type ObjectiveBinding,
  objectiveBindingSchema,
} from "./compile/context";
export * from "./compile/plan";
export { silentOptions } from "./compile/plan-paths";
export { planHash } from "./compile/build-plan";
export { DIAGNOSTIC_CODES, type DiagnosticCode, type DiagnosticSeverity } from "./diagnostics/codes";
export { type Diagnostic, hasErrors } from "./diagnostics/diagnostic";
export { canonicalJson } from "./hash/canonical-json";
export { sha256Hex } from "./hash/sha256";
export * from "./import-export";
export * from "./flow";
export * from "./diff";
export * from "./prune";
export {
  type CustomerFacts,
  compareValue,
  matchesRules,
  type RemovedOption,
  readCustomerField,
  readPath,
  splitEligible,
} from "./rules";
export * from "./decision-gate";
