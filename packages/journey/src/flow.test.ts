import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { definitionToFlow, flowToDefinition, type JourneyFlowNode } from "./flow";
import { definitionArb } from "./testing/arbitraries";
import { buildJourney, generateLargeJourney } from "./testing/index";

const roundTrip = (definition: ReturnType<typeof buildJourney>) => {
  const flow = definitionToFlow(definition);
  return flowToDefinition(flow.nodes, flow.edges);
};

describe("canvas conversion", () => {
  it("shapes nodes and edges like React Flow: kind as type, name and config in data", () => {
    const flow = definitionToFlow(buildJourney());
    expect(flow.nodes[1]).toEqual({
      id: "choose",
      type: "agent",
      position: { x: 0, y: 120 },
      data: { name: "Best first touch", config: buildJourney().nodes[1]?.config },
    });
    expect(flow.edges.find((e) => e.id === "wait-timeout")).toEqual({
      id: "wait-timeout",
      source: "wait-day",
      target: "exit",
      sourceHandle: "timeout",
      data: {},
    });
    expect(flow.edges.find((e) => e.id === "choose-sms")?.data.option?.label).toBe("SMS");
  });

  it("round-trips exactly (property over random definitions, and a 2,000-node journey)", () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        expect(roundTrip(definition)).toStrictEqual(definition);
      }),
      { numRuns: 200 },
    );
    const large = generateLargeJourney(2_000);
    expect(roundTrip(large)).toStrictEqual(large);
  });

  it("ignores what React Flow adds to its nodes and edges, and null handles", () => {
    const flow = definitionToFlow(buildJourney());
    const decorated = flow.nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 10, height: 5 },
      dragging: false,
    }));
    const edges = flow.edges.map((e) => ({ ...e, animated: true, sourceHandle: e.sourceHandle ?? null }));
    expect(flowToDefinition(decorated as JourneyFlowNode[], edges)).toStrictEqual(buildJourney());
  });

  it("drops a name or label cleared to blanks instead of saving an empty one", () => {
    const flow = definitionToFlow(buildJourney());
    const first = flow.nodes[0] as JourneyFlowNode;
    first.data = { ...first.data, name: "   " };
    expect(flowToDefinition(flow.nodes, flow.edges).nodes[0]).not.toHaveProperty("name");
  });
});
