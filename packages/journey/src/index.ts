export * from "./schema/index";
export { resolveGuardrails } from "./guardrails/resolve-guardrails";
