import type { FieldRule, PropertyFilter, ScalarValue } from "@northstar/journey";

/** Reads "a.b.c" from a JSON-ish object; undefined when any part is missing. */
export function readPath(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** One comparison of the journey schema's operators; numbers compare numerically, everything else as text. */
export function compare(actual: unknown, operator: FieldRule["operator"], expected: ScalarValue | undefined): boolean {
  if (operator === "exists") return actual !== undefined && actual !== null;
  if (actual === undefined) return false;
  switch (operator) {
    case "eq":
      return looseEqual(actual, expected);
    case "neq":
      return !looseEqual(actual, expected);
    case "contains":
      if (Array.isArray(actual)) return actual.some((item) => looseEqual(item, expected));
      return typeof actual === "string" && typeof expected === "string" && actual.includes(expected);
    default: {
      const a = Number(actual);
      const b = Number(expected);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      if (operator === "gt") return a > b;
      if (operator === "gte") return a >= b;
      if (operator === "lt") return a < b;
      return a <= b;
    }
  }
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b) && a !== null && b !== null;
  return a !== null && b !== null && String(a) === String(b);
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
