import { describe, expect, it } from "vitest";
import { automaticSummary, parseCuts, traitSummary, withCuts, withTraits } from "./learns-from";

describe("the learnsFrom setting as the inspector edits it", () => {
  it("reads cut points typed with commas, spaces and separators, and says which part is not a number", () => {
    expect(parseCuts("")).toEqual({ ok: true, cuts: undefined });
    expect(parseCuts("100, 1 000; 10_000, 5e4")).toEqual({ ok: true, cuts: [100, 1_000, 10_000, 50_000] });
    expect(parseCuts("100, lots")).toEqual({
      ok: false,
      error: '"lots" is not a number: separate cut points with commas',
    });
  });

  it("drops a trait's cuts with the trait, and falls back to every trait when nothing is set", () => {
    const value = { traits: ["plan", "ltv"], cuts: [{ trait: "ltv", at: [100] }] };
    expect(withTraits(value, ["plan"])).toEqual({ traits: ["plan"] });
    expect(withTraits(value, undefined)).toEqual({ cuts: [{ trait: "ltv", at: [100] }] });
    expect(withTraits({ traits: ["plan"] }, undefined)).toBeUndefined();
    expect(withCuts(value, "ltv", undefined)).toEqual({ traits: ["plan", "ltv"] });
    expect(withCuts(undefined, "ltv", [5, 50])).toEqual({ cuts: [{ trait: "ltv", at: [5, 50] }] });
    expect(withCuts({ cuts: [{ trait: "ltv", at: [5] }] }, "ltv", undefined)).toBeUndefined();
  });

  it("summarises a trait and what automatic means for it on this node", () => {
    expect(traitSummary({ kind: "number", share: 0.5, min: 0, max: 975_000 })).toBe("number · 0 to 975,000 · 50%");
    expect(traitSummary({ kind: "text", share: 1, values: ["free", "pro"] })).toBe("text · 100% · free, pro");
    expect(automaticSummary({ kind: "number", cuts: [1, 16, 256] })).toBe(
      "Leave empty to cut it automatically: now at 1, 16, 256.",
    );
    expect(automaticSummary({ kind: "sampling", values: [1, 2, 3] })).toContain("(3 so far)");
    expect(automaticSummary(undefined)).toContain("first 100 values");
  });
});
