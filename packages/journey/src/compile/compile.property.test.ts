import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../diagnostics/codes";
import { journeyDefinitionSchema } from "../schema/definition";
import { definitionArb, hostileInputArb } from "../testing/arbitraries";
import { compileContext } from "../testing/index";
import { compile } from "./compile";

const context = compileContext({
  activity: {
    liveSince: new Date("2024-01-01"),
    edges: { "e-n1": { lastFiredAt: new Date("2024-02-01"), count: 3 } },
    now: new Date("2025-01-01"),
  },
});

describe("compile properties", () => {
  it("generated definitions are schema-valid (the generators test what they claim to)", () => {
    fc.assert(fc.property(definitionArb, (definition) => journeyDefinitionSchema.safeParse(definition).success));
  });

  it("never throws on random graphs, and reports only known codes with the right severity", () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        const { diagnostics } = compile(definition, context);
        for (const d of diagnostics) expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code].severity);
        expect(diagnostics.map((d) => d.code)).not.toContain("COMPILE_FAILED");
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on hostile input (arbitrary JSON, corrupted definitions)", () => {
    fc.assert(
      fc.property(hostileInputArb, (input) => {
        const result = compile(input, context);
        expect(Array.isArray(result.diagnostics)).toBe(true);
        expect(result.diagnostics.map((d) => d.code)).not.toContain("COMPILE_FAILED");
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same input gives the same plan, hash and diagnostics", () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        expect(compile(structuredClone(definition), context)).toEqual(compile(definition, context));
      }),
      { numRuns: 150 },
    );
  });

  it("a plan exists exactly when there is no error, and its steps are the definition's nodes", () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        const { plan, diagnostics } = compile(definition, context);
        expect(plan === null).toBe(diagnostics.some((d) => d.severity === "error"));
        if (plan) expect(plan.steps.map((s) => s.id).sort()).toEqual(definition.nodes.map((n) => n.id).sort());
      }),
      { numRuns: 300 },
    );
  });
});
