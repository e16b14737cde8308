import { compareValue } from "@northstar/journey";
import type { CustomerFeatures, DecisionCandidate, EligibilityRule, RemovedCandidate } from "../policy/types";

/**
 * Eligibility with the one rule matcher of packages/journey (`compareValue`), the same as the runtime's rule splits
 * and eligibility: `exists` means present and not null; a missing field fails every other operator; null passes only
 * `neq`; numbers compare numerically; `eq`/`neq` compare loosely (5 equals "5"); `contains` is substring on text.
 * Features are flat: a rule on "consent.email" reads the feature named "consent.email".
 */
export function ruleHolds(features: CustomerFeatures, rule: EligibilityRule): boolean {
  const actual = Object.hasOwn(features, rule.field) ? features[rule.field] : undefined;
  return compareValue(actual, rule.operator, rule.value);
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
