import { compile, definitionToFlow, flowToDefinition, journeyDefinitionSchema } from "@northstar/journey";
import { compileContext } from "@northstar/journey/testing";
import { describe, expect, it } from "vitest";
import { JOURNEY_TEMPLATES } from "./templates";

describe("starter templates", () => {
  for (const template of JOURNEY_TEMPLATES) {
    it(`${template.name} is a valid definition that compiles without errors when the objective is set`, () => {
      const definition = template.build();
      expect(journeyDefinitionSchema.safeParse(definition).success).toBe(true);
      const { plan, diagnostics } = compile(definition, compileContext());
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(plan).not.toBeNull();
      expect(definition.nodes.some((n) => n.kind === "agent")).toBe(true);
    });
  }

  it("needs the objective: without one, compile reports it", () => {
    const { diagnostics } = compile(JOURNEY_TEMPLATES[0]!.build(), compileContext({ objective: null }));
    expect(diagnostics.map((d) => d.code)).toContain("MISSING_OBJECTIVE");
  });

  it("lays nodes out so none overlap", () => {
    for (const template of JOURNEY_TEMPLATES) {
      const positions = template.build().nodes.map((n) => `${n.position.x},${n.position.y}`);
      expect(new Set(positions).size).toBe(positions.length);
    }
  });
});

describe("starter templates on the canvas", () => {
  it("round-trip exactly through the canvas conversion", () => {
    for (const template of JOURNEY_TEMPLATES) {
      const definition = template.build();
      expect(flowToDefinition(definitionToFlow(definition))).toStrictEqual(definition);
    }
  });
});
