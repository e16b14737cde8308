import { compareValue, type FieldRule, type PropertyFilter, readPath, type ScalarValue } from "@northstar/journey";

export { readPath };

/**
 * One comparison of the journey schema's operators: the shared matcher of packages/journey (`compareValue`), the
 * same one agent eligibility uses. Missing fails every operator; null passes only `neq`; numbers compare
 * numerically; see `compareValue` for the full rules.
 */
export function compare(actual: unknown, operator: FieldRule["operator"], expected: ScalarValue | undefined): boolean {
  return compareValue(actual, operator, expected);
}

export function matchesFilters(properties: unknown, filters: readonly PropertyFilter[]): boolean {
  return filters.every((f) => compare(readPath(properties, f.property), f.operator, f.value));
}

export { type CustomerFacts, matchesRules, readCustomerField } from "@northstar/journey";
