import type {
  CustomerFeatures,
  DecisionCandidate,
  EligibilityRule,
  FeatureValue,
  RemovedCandidate,
} from "../policy/types";

/**
 * Eligibility with the operator semantics of packages/journey's fieldRuleSchema, the same as the runtime's rule
 * splits: `exists` means present and not null; a missing field fails every other operator; numbers compare
 * numerically; `eq`/`neq` compare loosely (5 equals "5"); `contains` is substring on text.
 * Features are flat: a rule on "consent.email" reads the feature named "consent.email".
 */
export function ruleHolds(features: CustomerFeatures, rule: EligibilityRule): boolean {
  const actual = Object.hasOwn(features, rule.field) ? features[rule.field] : undefined;
  if (rule.operator === "exists") return actual !== undefined && actual !== null;
  if (actual === undefined) return false;
  switch (rule.operator) {
    case "eq":
      return looseEqual(actual, rule.value);
    case "neq":
      return !looseEqual(actual, rule.value);
    case "contains":
      return typeof actual === "string" && typeof rule.value === "string" && actual.includes(rule.value);
    default: {
      const a = Number(actual);
      const b = Number(rule.value);
      if (actual === null || rule.value === null || !Number.isFinite(a) || !Number.isFinite(b)) return false;
      if (rule.operator === "gt") return a > b;
      if (rule.operator === "gte") return a >= b;
      if (rule.operator === "lt") return a < b;
      return a <= b;
    }
  }
}

function looseEqual(a: FeatureValue | undefined, b: FeatureValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return String(a) === String(b);
}

function describeRule(rule: EligibilityRule): string {
  return rule.operator === "exists"
    ? `${rule.field} exists`
    : `${rule.field} ${rule.operator} ${JSON.stringify(rule.value)}`;
}

/** Splits candidates into the eligible ones and the removed ones with the first rule each failed. */
export function filterEligible<C extends DecisionCandidate>(
  candidates: readonly C[],
  features: CustomerFeatures,
): { eligible: C[]; removed: RemovedCandidate[] } {
  const eligible: C[] = [];
  const removed: RemovedCandidate[] = [];
  for (const candidate of candidates) {
    const failed = (candidate.eligibility ?? []).find((rule) => !ruleHolds(features, rule));
    if (failed) removed.push({ edgeId: candidate.edgeId, reason: `not eligible: requires ${describeRule(failed)}` });
    else eligible.push(candidate);
  }
  return { eligible, removed };
}
