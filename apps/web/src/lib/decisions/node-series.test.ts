import { describe, expect, it } from "vitest";
import { chartRows, countKey, shareKey, shares } from "./node-series";

const options = [
  { edgeId: "a", label: "Email A" },
  { edgeId: "b", label: "Email B" },
];
const cell = (day: string, edgeId: string, chosen: number, rewarded = 0, rewardSum = 0) => ({
  day,
  edgeId,
  chosen,
  rewarded,
  rewardSum,
});

describe("agent node chart series", () => {
  it("turns each day's decisions into option shares with counts and the day's reward per decision so far", () => {
    const rows = chartRows(options, [
      cell("2026-11-20", "a", 3, 2, 1),
      cell("2026-11-20", "b", 1, 1, 0),
      cell("2026-11-21", "a", 0),
      cell("2026-11-21", "b", 0),
      cell("2026-11-22", "a", 0),
      cell("2026-11-22", "b", 4),
    ]);
    expect(rows.map((r) => r.day)).toEqual(["2026-11-20", "2026-11-21", "2026-11-22"]);
    const [first, empty, last] = rows;
    expect(first).toMatchObject({ total: 4, [shareKey("a")]: 0.75, [countKey("a")]: 3, [shareKey("b")]: 0.25 });
    // One reward of 1 over four decisions, one of them still open: 0.25, not the credited ones' mean of 1/3.
    expect(first?.rewardPerDecision).toBeCloseTo(1 / 4);
    expect(empty).toMatchObject({ total: 0, rewardPerDecision: null, [shareKey("a")]: 0, [shareKey("b")]: 0 });
    expect(last).toMatchObject({ [shareKey("b")]: 1, [countKey("b")]: 4, rewardPerDecision: 0 });
  });

  it("gives each option its share of the period's decisions, and zero shares when there were none", () => {
    expect(shares([{ chosen: 3 }, { chosen: 1 }]).map((o) => o.share)).toEqual([0.75, 0.25]);
    expect(shares([{ chosen: 0 }, { chosen: 0 }]).map((o) => o.share)).toEqual([0, 0]);
  });
});
