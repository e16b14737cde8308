import { describe, expect, it } from "vitest";
import { bloatScore } from "./bloat-score";

const lean = { branches: 8, staleBranches: 0, idle: false, ruleSplits: 0, overlappingJourneys: 0, nodes: 8 };

describe("bloatScore", () => {
  it("scores a small, busy, unique journey 0", () => {
    expect(bloatScore(lean).score).toBe(0);
  });

  it("reaches 100 only when every symptom is at its cap", () => {
    expect(
      bloatScore({ branches: 10, staleBranches: 10, idle: true, ruleSplits: 9, overlappingJourneys: 7, nodes: 90 })
        .score,
    ).toBe(100);
  });

  it("weighs stale share by proportion and caps the structural parts", () => {
    const half = bloatScore({ ...lean, staleBranches: 4 });
    expect(half.parts.stale).toBe(20);
    expect(bloatScore({ ...lean, ruleSplits: 50 }).parts.ruleSplits).toBe(15);
    expect(bloatScore({ ...lean, nodes: 36 }).parts.size).toBe(5);
  });

  it("does not divide by zero for an empty journey", () => {
    expect(bloatScore({ ...lean, branches: 0, nodes: 0 }).score).toBe(0);
  });
});
