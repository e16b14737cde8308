import { describe, expect, it } from "vitest";
import { clientAddress, lockoutSeconds, SIGN_IN_LIMITS } from "./sign-in-throttle";

describe("lockoutSeconds", () => {
  it("starts at a minute, doubles with each lockout and stops at an hour", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(lockoutSeconds)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect(lockoutSeconds(100)).toBe(SIGN_IN_LIMITS.maxLockoutSeconds);
  });
});

describe("clientAddress", () => {
  it("reads the first X-Forwarded-For entry, from a plain object or Headers", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" })).toBe("203.0.113.9");
    expect(clientAddress(new Headers({ "x-forwarded-for": " 198.51.100.7 " }))).toBe("198.51.100.7");
    expect(clientAddress({ "x-real-ip": "::1" })).toBe("::1");
  });

  it("is null when the request says nothing, and never longer than 100 characters", () => {
    expect(clientAddress(undefined)).toBeNull();
    expect(clientAddress({})).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "" })).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "x".repeat(500) })?.length).toBe(100);
  });
});
