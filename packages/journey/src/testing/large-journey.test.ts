import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import { compileContext } from "./journeys";
import { generateLargeJourney } from "./large-journey";

describe("generateLargeJourney", () => {
  it("makes exactly N nodes that compile without any diagnostic, for any size and seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_200 }), fc.integer(), (size, seed) => {
        const definition = generateLargeJourney(size, { seed });
        expect(definition.nodes).toHaveLength(size);
        expect(compile(definition, compileContext()).diagnostics).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("is realistic: entries, agent decisions, sends, waits and goals, one entry per ~500 nodes", () => {
    const kinds = generateLargeJourney(10_000).nodes.map((n) => n.kind);
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    expect(count("entry")).toBe(20);
    expect(count("goal")).toBe(20);
    for (const kind of ["agent", "message", "wait", "exit", "review"]) expect(count(kind)).toBeGreaterThan(100);
  });

  it("is deterministic for a seed", () => {
    expect(generateLargeJourney(300, { seed: 7 })).toEqual(generateLargeJourney(300, { seed: 7 }));
  });
});
