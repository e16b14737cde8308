import { describe, expect, it } from "vitest";
import type { DecisionInput } from "./policy";
import { uniformRandomPolicy } from "./policy";

const candidates = ["a", "b", "c"].map((id) => ({ edgeId: id, label: id.toUpperCase(), description: "", target: id }));
const input = { candidates } as unknown as DecisionInput;

describe("uniform random policy", () => {
  it("chooses by the random draw and scores every candidate equally", async () => {
    const out = await uniformRandomPolicy(() => 0.99).choose(input);
    expect(out.chosenEdgeId).toBe("c");
    expect(out.scores).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
    expect(out.explore).toBe(true);
    expect(out.rationale).toContain("3 eligible options");
  });

  it("spreads choices evenly", async () => {
    const policy = uniformRandomPolicy();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const { chosenEdgeId } = await policy.choose(input);
      counts[chosenEdgeId] = (counts[chosenEdgeId] ?? 0) + 1;
    }
    for (const id of ["a", "b", "c"]) expect(counts[id]).toBeGreaterThan(850);
  });
});
