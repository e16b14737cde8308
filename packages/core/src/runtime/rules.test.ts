import { describe, expect, it } from "vitest";
import { compare, matchesFilters, matchesRules } from "./rules";

const customer = {
  email: "ada@example.test",
  phone: null,
  timeZone: "Europe/Paris",
  consent: { email: true, sms: false },
  traits: { plan: "pro", seats: 12, tags: ["vip"] },
};

describe("rules", () => {
  it("compares numbers numerically and text as text", () => {
    expect(compare(12, "gt", 3)).toBe(true);
    expect(compare("12", "gte", 12)).toBe(true);
    expect(compare("pro", "eq", "pro")).toBe(true);
    expect(compare("pro", "neq", "trial")).toBe(true);
    expect(compare(undefined, "neq", "trial")).toBe(false);
    expect(compare(null, "exists", undefined)).toBe(false);
    expect(compare("a", "lt", 3)).toBe(false);
  });

  it("matches event property filters, nested paths included", () => {
    expect(
      matchesFilters({ plan: "trial", cart: { total: 80 } }, [{ property: "cart.total", operator: "gte", value: 50 }]),
    ).toBe(true);
    expect(matchesFilters({ plan: "pro" }, [{ property: "plan", operator: "eq", value: "trial" }])).toBe(false);
    expect(matchesFilters({}, [])).toBe(true);
  });

  it("reads consent, top-level fields and bare traits for eligibility", () => {
    expect(matchesRules(customer, [{ field: "consent.sms", operator: "eq", value: true }])).toBe(false);
    expect(matchesRules(customer, [{ field: "consent.email", operator: "eq", value: true }])).toBe(true);
    expect(matchesRules(customer, [{ field: "plan", operator: "eq", value: "pro" }])).toBe(true);
    expect(matchesRules(customer, [{ field: "traits.seats", operator: "lt", value: 20 }])).toBe(true);
    expect(matchesRules(customer, [{ field: "tags", operator: "contains", value: "vip" }])).toBe(true);
  });

  it("never matches a numeric comparison on a missing or null field (a customer without a phone is not `phone lt 5`)", () => {
    expect(matchesRules(customer, [{ field: "phone", operator: "lt", value: 5 }])).toBe(false);
    expect(matchesRules(customer, [{ field: "phone", operator: "lte", value: 0 }])).toBe(false);
    expect(matchesRules(customer, [{ field: "phone", operator: "gte", value: -1 }])).toBe(false);
    expect(matchesRules(customer, [{ field: "age", operator: "lt", value: 5 }])).toBe(false);
    expect(matchesRules(customer, [{ field: "phone", operator: "neq", value: "+331" }])).toBe(true);
    expect(matchesRules(customer, [{ field: "phone", operator: "exists" }])).toBe(false);
  });
});
