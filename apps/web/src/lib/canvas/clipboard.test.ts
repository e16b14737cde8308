import { definitionToFlow, diffDefinitions, flowToDefinition } from "@northstar/journey";
import { buildJourney } from "@northstar/journey/testing";
import { describe, expect, it } from "vitest";
import { autoLayout } from "./auto-layout";
import { copySelection, pasteClipboard } from "./clipboard";
import type { FlowGraph } from "./flow-types";

const flow = (): FlowGraph => definitionToFlow(buildJourney());

describe("copy and paste", () => {
  it("copies selected nodes with the edges between them, under new ids, offset and selected", () => {
    const graph = flow();
    for (const n of graph.nodes) n.selected = n.id === "choose" || n.id === "welcome-email" || n.id === "welcome-sms";
    let seq = 0;
    const pasted = pasteClipboard(copySelection(graph), { x: 40, y: 40 }, (p) => `${p}-copy${seq++}`);
    expect(pasted.nodes).toHaveLength(3);
    expect(pasted.edges).toHaveLength(2);
    const ids = new Set(pasted.nodes.map((n) => n.id));
    for (const e of pasted.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(pasted.nodes.every((n) => n.selected)).toBe(true);
    const agent = pasted.nodes.find((n) => n.type === "agent");
    const original = graph.nodes.find((n) => n.id === "choose");
    expect(agent?.position).toEqual({ x: original!.position.x + 40, y: original!.position.y + 40 });
    // The fallback follows the copied option edge.
    const fallback = (agent!.data.config as { fallbackOptionEdgeId: string }).fallbackOptionEdgeId;
    expect(pasted.edges.map((e) => e.id)).toContain(fallback);
  });
});

describe("auto-layout", () => {
  it("moves nodes only: the diff is positions, never behaviour", () => {
    const graph = flow();
    const before = flowToDefinition(graph);
    const after = flowToDefinition({ nodes: autoLayout(graph), edges: graph.edges });
    const diff = diffDefinitions(before, after);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.edges).toEqual({ added: [], removed: [], changed: [] });
    const ys = new Map(after.nodes.map((n) => [n.id, n.position.y]));
    expect(ys.get("entry")!).toBeLessThan(ys.get("choose")!);
    expect(ys.get("choose")!).toBeLessThan(ys.get("welcome-email")!);
  });
});
