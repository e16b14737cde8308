import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DraftDefinition, definitionToFlow, flowToDefinition, MAIN_HANDLE } from "./flow";
import { definitionArb } from "./testing/arbitraries";
import { buildJourney, generateLargeJourney } from "./testing/index";

const roundTrip = (definition: DraftDefinition) => flowToDefinition(definitionToFlow(definition));

describe("canvas conversion", () => {
  it("shapes nodes and edges like React Flow: kind as type, name and config in data, the main handle named", () => {
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
      type: "journey",
      data: {},
    });
    expect(flow.edges.find((e) => e.id === "entry-choose")?.sourceHandle).toBe(MAIN_HANDLE);
    expect(flow.edges.find((e) => e.id === "choose-sms")?.data.option?.label).toBe("SMS");
    // Saved again, the main handle is left out as stored definitions do.
    expect(flowToDefinition(flow).edges.find((e) => e.id === "entry-choose")).not.toHaveProperty("sourceHandle");
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

  it("keeps a draft's incomplete configs and the edge fields the canvas does not know", () => {
    const draft = {
      formatVersion: 1,
      nodes: [{ id: "m", kind: "message", position: { x: 1.5, y: -2 }, config: { channel: "email" } }],
      edges: [{ id: "e", source: "m", target: "m", note: "kept" }],
    } as DraftDefinition;
    expect(roundTrip(draft)).toStrictEqual(draft);
  });

  it("ignores what React Flow adds to its nodes and edges, and null handles", () => {
    const flow = definitionToFlow(buildJourney());
    const nodes = flow.nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 10, height: 5 },
      dragging: false,
    }));
    const edges = flow.edges.map((e) => ({ ...e, animated: true, sourceHandle: e.sourceHandle ?? null }));
    expect(flowToDefinition({ nodes, edges })).toStrictEqual(buildJourney());
  });

  it("drops a name or label cleared to blanks instead of saving an empty one", () => {
    const flow = definitionToFlow(buildJourney());
    const [first] = flow.nodes;
    if (!first) throw new Error("no node");
    first.data = { ...first.data, name: "   " };
    const edge = flow.edges[0];
    if (!edge) throw new Error("no edge");
    edge.data = { ...edge.data, label: "  " };
    const saved = flowToDefinition(flow);
    expect(saved.nodes[0]).not.toHaveProperty("name");
    expect(saved.edges[0]).not.toHaveProperty("label");
  });

  it("refuses a canvas node without a journey kind", () => {
    const flow = definitionToFlow(buildJourney());
    const nodes = [{ ...flow.nodes[0], type: "sticky-note" }] as unknown as typeof flow.nodes;
    expect(() => flowToDefinition({ nodes, edges: [] })).toThrow("Canvas node entry has no journey kind");
  });
});
