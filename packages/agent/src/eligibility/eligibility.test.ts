import { describe, expect, it } from "vitest";
import { filterEligible, ruleHolds } from "./eligibility";

const features = { country: "FR", age: 34, vip: true, email: "a@example.com", phone: null };

describe("ruleHolds", () => {
  it("applies the journey schema's operators", () => {
    expect(ruleHolds(features, { field: "country", operator: "eq", value: "FR" })).toBe(true);
    expect(ruleHolds(features, { field: "country", operator: "neq", value: "FR" })).toBe(false);
    expect(ruleHolds(features, { field: "age", operator: "gte", value: 34 })).toBe(true);
    expect(ruleHolds(features, { field: "age", operator: "lt", value: "30" })).toBe(false);
    expect(ruleHolds(features, { field: "age", operator: "eq", value: "34" })).toBe(true);
    expect(ruleHolds(features, { field: "email", operator: "contains", value: "@example" })).toBe(true);
    expect(ruleHolds(features, { field: "vip", operator: "eq", value: true })).toBe(true);
  });

  it("treats null and missing as absent", () => {
    expect(ruleHolds(features, { field: "phone", operator: "exists" })).toBe(false);
    expect(ruleHolds(features, { field: "email", operator: "exists" })).toBe(true);
    expect(ruleHolds(features, { field: "missing", operator: "neq", value: "x" })).toBe(false);
    expect(ruleHolds(features, { field: "phone", operator: "gt", value: 1 })).toBe(false);
  });
});

describe("filterEligible", () => {
  it("removes candidates with the first failing rule as the reason", () => {
    const { eligible, removed } = filterEligible(
      [
        { edgeId: "sms", label: "SMS", description: "", eligibility: [{ field: "phone", operator: "exists" }] },
        { edgeId: "email", label: "Email", description: "", eligibility: [{ field: "email", operator: "exists" }] },
      ],
      features,
    );
    expect(eligible.map((c) => c.edgeId)).toEqual(["email"]);
    expect(removed).toEqual([{ edgeId: "sms", reason: "not eligible: requires phone exists" }]);
  });
});
