import type { ComparisonOperator } from "./schema/primitives";

/**
 * The one matcher of the journey schema's comparison operators, used by entry filters, rule splits (core) and agent
 * option eligibility (agent), so a rule means the same everywhere:
 * - a missing field (undefined) fails every operator, `neq` included, and `exists` is false;
 * - null is "present but empty": `exists` is false, `neq` holds against any non-null value, every other operator
 *   fails (so `phone lt 5` never matches a customer without a phone);
 * - `eq`/`neq` compare loosely: 5 equals "5", true equals "true";
 * - `gt`/`gte`/`lt`/`lte` compare numbers, or text that is a number ("12"); anything else (empty text, booleans,
 *   lists, objects) fails;
 * - `contains` is a substring test on text, or membership (loose equality) in a list.
 */
export function compareValue(actual: unknown, operator: ComparisonOperator, expected: unknown): boolean {
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
      const a = toNumber(actual);
      const b = toNumber(expected);
      if (a === null || b === null) return false;
      if (operator === "gt") return a > b;
      if (operator === "gte") return a >= b;
      if (operator === "lt") return a < b;
      return a <= b;
    }
  }
}

/** A finite number, or text that spells one; null for anything else (null, "", booleans, lists, objects). */
function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === "number" || typeof b === "number") {
    const x = toNumber(a);
    return x !== null && x === toNumber(b);
  }
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "boolean";
  return scalar(a) && scalar(b) && String(a) === String(b);
}

/** Reads "a.b.c" from a JSON-ish object (own properties only); undefined when any part is missing. */
export function readPath(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
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

/** True when every rule holds for the customer (an empty list always holds). */
export function matchesRules(
  customer: CustomerFacts,
  rules: readonly { field: string; operator: ComparisonOperator; value?: unknown }[],
): boolean {
  return rules.every((r) => compareValue(readCustomerField(customer, r.field), r.operator, r.value));
}

/** An option its eligibility rules took away from a customer, with the rules that failed, as decisions log it. */
export interface RemovedOption {
  edgeId: string;
  label: string;
  reason: string;
}

/**
 * An agent node's options split by their eligibility rules for one customer: what the policy may choose from, and
 * what it may not, with the reason. The runtime's engine and anything that replays decisions use this one split.
 */
export function splitEligible<
  O extends {
    edgeId: string;
    label: string;
    eligibility: readonly { field: string; operator: ComparisonOperator; value?: unknown }[];
  },
>(customer: CustomerFacts, options: readonly O[]): { eligible: O[]; removed: RemovedOption[] } {
  const eligible: O[] = [];
  const removed: RemovedOption[] = [];
  for (const option of options) {
    if (matchesRules(customer, option.eligibility)) eligible.push(option);
    else {
      const rules = option.eligibility.map((r) => `${r.field} ${r.operator} ${JSON.stringify(r.value ?? null)}`);
      removed.push({ edgeId: option.edgeId, label: option.label, reason: `eligibility: ${rules.join(" and ")}` });
    }
  }
  return { eligible, removed };
}
