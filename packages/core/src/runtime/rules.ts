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

/** The customer as eligibility rules and rule splits read it: top-level fields, `consent.*`, `traits.*` or a bare trait. */
export interface CustomerFacts {
  email: string | null;
  phone: string | null;
  timeZone: string | null;
  consent: Record<string, unknown>;
  traits: Record<string, unknown>;
}

export function readCustomerField(customer: CustomerFacts, field: string): unknown {
  const direct = readPath(customer, field);
  return direct !== undefined ? direct : readPath(customer.traits, field);
}

export function matchesRules(customer: CustomerFacts, rules: readonly FieldRule[]): boolean {
  return rules.every((r) => compare(readCustomerField(customer, r.field), r.operator, r.value));
}
