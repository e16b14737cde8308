import { describe, expect, it } from "vitest";
import { closingReward, creditEnrollment, outcomeReward } from "./attribution";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));
const decision = (id: string, stepId: string, minute: number, penalty = 0) => ({
  id,
  stepId,
  createdAt: at(minute),
  penalty,
});

describe("reward attribution rule", () => {
  it("gives the enrollment's last decision full credit and earlier ones a per-node share", () => {
    const credits = creditEnrollment([decision("b", "offer", 5), decision("a", "channel", 1)], 1);
    expect(credits).toEqual([
      { id: "a", reward: 0.5 },
      { id: "b", reward: 1 },
    ]);
  });

  it("credits a node that decided twice in a loop fully both times when it is the only node", () => {
    const credits = creditEnrollment([decision("a1", "offer", 1), decision("a2", "offer", 3)], 1);
    expect(credits).toEqual([
      { id: "a1", reward: 1 },
      { id: "a2", reward: 1 },
    ]);
  });

  it("subtracts each decision's penalty from its credit, never below zero", () => {
    const credits = creditEnrollment([decision("a", "channel", 1, 0.25), decision("b", "offer", 2, 2)], 1);
    expect(credits).toEqual([
      { id: "a", reward: 0.25 },
      { id: "b", reward: 0 },
    ]);
  });

  it("rewards a counted event 1, a sum by its share of the largest value seen, a decrease objective's event 0", () => {
    const count = { aggregation: "count" as const, direction: "increase" as const };
    const sum = { aggregation: "sum" as const, direction: "increase" as const };
    expect(outcomeReward(count, { summed: null, largestSeen: null })).toBe(1);
    expect(outcomeReward(sum, { summed: 30, largestSeen: 120 })).toBe(0.25);
    expect(outcomeReward(sum, { summed: 200, largestSeen: 120 })).toBe(1);
    expect(outcomeReward(sum, { summed: null, largestSeen: 120 })).toBe(0);
    expect(outcomeReward({ ...count, direction: "decrease" }, { summed: null, largestSeen: null })).toBe(0);
  });

  it("closes a window without outcome at 0, or at 1 less the penalty when the objective is to decrease the event", () => {
    expect(closingReward({ direction: "increase" }, 0)).toBe(0);
    expect(closingReward({ direction: "decrease" }, 0.5)).toBe(0.5);
    expect(closingReward(null, 0)).toBe(0);
  });
});
