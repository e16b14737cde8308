import { describe, expect, it } from "vitest";
import { customerFeatures, isIdentifying, isIdentifyingValue } from "./customer-features";

describe("the customer features a policy learns from", () => {
  it("leave out traits that identify a person, however they are spelled", () => {
    for (const name of ["email", "phoneNumber", "alt_email", "emailAddress", "surname", "displayName", "first_name"])
      expect(isIdentifying(name), name).toBe(true);
    for (const name of ["dateOfBirth", "birthday", "userId", "ip", "street", "postalCode", "mobile2"])
      expect(isIdentifying(name), name).toBe(true);
  });

  it("keep segment-like traits whose names merely contain such words", () => {
    for (const name of ["plan", "planName", "emailsOpened", "country", "lifetimeValue", "ordersCount", "tier"])
      expect(isIdentifying(name), name).toBe(false);
  });

  it("flatten one level of nesting, add the time zone, and drop timestamps, long text and lists", () => {
    const features = customerFeatures(
      {
        plan: "pro",
        phoneNumber: "+33 6 12 34 56 78",
        address: { city: "Paris", street: "1 rue de Rivoli" },
        signedUpAt: "2026-01-02T03:04:05Z",
        bio: "x".repeat(80),
        tags: ["a"],
        orders: 12,
      },
      "Europe/Paris",
    );
    expect(features).toEqual({ plan: "pro", orders: 12, timeZone: "Europe/Paris" });
  });

  it("read a trait named constructor or __proto__ as data", () => {
    const traits = JSON.parse('{"constructor":"x","__proto__":{"polluted":1},"plan":"pro"}');
    const features = customerFeatures(traits, null);
    expect(features.constructor).toBe("x");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("personal values recognised by their shape", () => {
  it("recognise emails and phone numbers whatever the trait is called", () => {
    for (const value of [
      "ada@example.test",
      " Grace.Hopper@navy.mil ",
      "+33 6 12 34 56 78",
      "(555) 010-9999",
      "0612345678",
    ])
      expect(isIdentifyingValue(value), value).toBe(true);
    for (const value of ["pro", "FR", "2026", "12", "3.5", "v1.2.3", "at@home", 1_234_567, true])
      expect(isIdentifyingValue(value), String(value)).toBe(false);
  });

  it("keep them out of what the learning policy sees", () => {
    expect(customerFeatures({ plan: "pro", contact: "ada@example.test", backup: "+1 555 010 9999" }, null)).toEqual({
      plan: "pro",
    });
  });
});
