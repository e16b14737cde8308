import { buildJourney, generateLargeJourney } from "@northstar/journey/testing";
import { describe, expect, it } from "vitest";
import { definitionToFlow, type DraftDefinition, flowToDefinition } from "./flow-convert";
import { MAIN_HANDLE } from "./flow-types";
import { JOURNEY_TEMPLATES } from "./templates";

const roundTrip = (d: DraftDefinition) => flowToDefinition(definitionToFlow(d));

describe("canvas <-> definition conversion", () => {
  it("round-trips a journey exactly", () => {
    const definition = buildJourney() as DraftDefinition;
    expect(roundTrip(definition)).toStrictEqual(definition);
  });

  it("round-trips a 500-node generated journey and every template exactly", () => {
    for (const d of [generateLargeJourney(500), ...JOURNEY_TEMPLATES.map((t) => t.build())]) {
      expect(roundTrip(d as DraftDefinition)).toStrictEqual(d);
    }
  });

  it("keeps incomplete configs and unknown edge fields of a draft", () => {
    const draft = {
      formatVersion: 1,
      nodes: [{ id: "m", kind: "message", position: { x: 1.5, y: -2 }, config: { channel: "email" } }],
      edges: [{ id: "e", source: "m", target: "m", note: "kept" }],
    } as unknown as DraftDefinition;
    expect(roundTrip(draft)).toStrictEqual(draft);
  });

  it("gives ordinary edges the main handle on the canvas and leaves it out when saving", () => {
    const flow = definitionToFlow(buildJourney() as DraftDefinition);
    const plain = flow.edges.find((e) => e.id === "entry-choose");
    const timeout = flow.edges.find((e) => e.id === "wait-timeout");
    expect(plain?.sourceHandle).toBe(MAIN_HANDLE);
    expect(timeout?.sourceHandle).toBe("timeout");
    expect(flowToDefinition(flow).edges.find((e) => e.id === "entry-choose")).not.toHaveProperty("sourceHandle");
  });

  it("maps node kinds to React Flow types and option labels into edge data", () => {
    const flow = definitionToFlow(buildJourney() as DraftDefinition);
    expect(flow.nodes.find((n) => n.id === "choose")?.type).toBe("agent");
    expect(flow.edges.find((e) => e.id === "choose-sms")?.data?.option?.label).toBe("SMS");
  });

  it("drops a name emptied in the inspector instead of saving an invalid empty name", () => {
    const flow = definitionToFlow(buildJourney() as DraftDefinition);
    const first = flow.nodes[0];
    if (!first) throw new Error("no node");
    first.data = { ...first.data, name: "  " };
    expect(flowToDefinition(flow).nodes[0]).not.toHaveProperty("name");
  });
});
