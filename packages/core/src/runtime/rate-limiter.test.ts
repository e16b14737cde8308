import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter";

describe("createRateLimiter", () => {
  it("allows a burst, then refuses with the seconds until the next token", () => {
    const limiter = createRateLimiter({ ratePerSecond: 0.5, burst: 3 });
    const at = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.take("k", at)).toEqual({ allowed: true });
    expect(limiter.take("k", at)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take("k", at + 1_000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("k", at + 2_000)).toEqual({ allowed: true });
  });

  it("keeps one bucket per key, so one busy key does not slow another", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take("busy", 0).allowed).toBe(true);
    expect(limiter.take("busy", 0).allowed).toBe(false);
    expect(limiter.take("quiet", 0).allowed).toBe(true);
  });

  it("refills no further than the burst after a long pause", () => {
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 2 });
    expect(limiter.take("k", 0).allowed).toBe(true);
    const later = 3_600_000;
    expect(limiter.take("k", later).allowed).toBe(true);
    expect(limiter.take("k", later).allowed).toBe(true);
    expect(limiter.take("k", later).allowed).toBe(false);
  });

  it("forgets the least recently used key past maxKeys, which starts again with a full bucket", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1 }, 2);
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("c", 0).allowed).toBe(true);
    expect(limiter.take("b", 0).allowed).toBe(false); // still tracked
    expect(limiter.take("a", 0).allowed).toBe(true); // forgotten, full again
  });
});
