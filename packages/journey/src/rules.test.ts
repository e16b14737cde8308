import { describe, expect, it } from "vitest";
import { compareValue, readPath, splitEligible } from "./rules";

describe("compareValue", () => {
  it("compares numbers numerically, numeric text as numbers, and text as text", () => {
    expect(compareValue(12, "gt", 3)).toBe(true);
    expect(compareValue("12", "gte", 12)).toBe(true);
    expect(compareValue(34, "eq", "34")).toBe(true);
    expect(compareValue(true, "eq", "true")).toBe(true);
    expect(compareValue("pro", "neq", "trial")).toBe(true);
    expect(compareValue("a", "lt", 3)).toBe(false);
    expect(compareValue("abc", "contains", "b")).toBe(true);
    expect(compareValue(["vip"], "contains", "vip")).toBe(true);
  });

  it("never lets null, empty text or non-numbers pass a numeric comparison", () => {
    for (const operator of ["gt", "gte", "lt", "lte"] as const) {
      for (const actual of [null, undefined, "", " ", true, false, [], {}]) {
        expect(compareValue(actual, operator, 5), `${JSON.stringify(actual)} ${operator} 5`).toBe(false);
        expect(compareValue(actual, operator, -5), `${JSON.stringify(actual)} ${operator} -5`).toBe(false);
      }
      expect(compareValue(3, operator, null)).toBe(false);
    }
    expect(compareValue(0, "eq", "")).toBe(false);
    expect(compareValue(null, "eq", 0)).toBe(false);
  });

  it("treats missing as failing everything, and null as present-but-empty", () => {
    expect(compareValue(undefined, "exists", undefined)).toBe(false);
    expect(compareValue(null, "exists", undefined)).toBe(false);
    expect(compareValue(0, "exists", undefined)).toBe(true);
    expect(compareValue(undefined, "neq", "x")).toBe(false);
    expect(compareValue(null, "neq", "x")).toBe(true);
    expect(compareValue(null, "eq", "x")).toBe(false);
    expect(compareValue(null, "contains", "x")).toBe(false);
  });
});

describe("readPath", () => {
  it("reads nested own properties only", () => {
    expect(readPath({ a: { b: 1 } }, "a.b")).toBe(1);
    expect(readPath({ a: 1 }, "a.b")).toBeUndefined();
    expect(readPath({}, "constructor")).toBeUndefined();
    expect(readPath({ a: null }, "a")).toBeNull();
  });
});

describe("splitEligible", () => {
  it("keeps the options whose rules the customer meets and names the failed rules of the others", () => {
    const customer = { email: null, phone: null, timeZone: null, consent: { sms: false }, traits: { plan: "basic" } };
    const options = [
      { edgeId: "mail", label: "Email", eligibility: [] },
      { edgeId: "sms", label: "SMS", eligibility: [{ field: "consent.sms", operator: "eq" as const, value: true }] },
      { edgeId: "legacy", label: "Legacy", eligibility: [{ field: "plan", operator: "eq" as const, value: "legacy" }] },
    ];
    const { eligible, removed } = splitEligible(customer, options);
    expect(eligible.map((o) => o.edgeId)).toEqual(["mail"]);
    expect(removed).toEqual([
      { edgeId: "sms", label: "SMS", reason: "eligibility: consent.sms eq true" },
      { edgeId: "legacy", label: "Legacy", reason: 'eligibility: plan eq "legacy"' },
    ]);
  });
});
