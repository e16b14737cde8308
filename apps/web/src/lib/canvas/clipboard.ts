import { newId } from "./node-catalog";
import type { FlowGraph, JourneyFlowEdge, JourneyFlowNode } from "./flow-types";

/** The selected nodes and the edges between them: what copy takes and paste/duplicate put back. */
export function copySelection(graph: FlowGraph): FlowGraph {
  const nodes = graph.nodes.filter((n) => n.selected);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return structuredClone({ nodes, edges });
}

/**
 * Fresh copies of a clipboard with new ids, shifted by `offset`, selected so they can be moved at once. Edges are
 * remapped to the copies; an agent's fallback pointing at a copied option follows it.
 */
export function pasteClipboard(clip: FlowGraph, offset: { x: number; y: number }, makeId = newId): FlowGraph {
  const nodeIds = new Map(clip.nodes.map((n) => [n.id, makeId(n.type)]));
  const edgeIds = new Map(clip.edges.map((e) => [e.id, makeId("edge")]));
  const nodes = clip.nodes.map((n) => {
    const copy = structuredClone(n) as JourneyFlowNode;
    copy.id = nodeIds.get(n.id) as string;
    copy.position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    copy.selected = true;
    const config = copy.data.config as { fallbackOptionEdgeId?: string } | null;
    if (copy.type === "agent" && config && typeof config === "object" && config.fallbackOptionEdgeId) {
      const mapped = edgeIds.get(config.fallbackOptionEdgeId);
      copy.data = {
        ...copy.data,
        config: mapped ? { ...config, fallbackOptionEdgeId: mapped } : withoutFallback(config),
      };
    }
    return { ...copy, measured: undefined, dragging: false } as JourneyFlowNode;
  });
  const edges: JourneyFlowEdge[] = clip.edges.map((e) => ({
    ...structuredClone(e),
    id: edgeIds.get(e.id) as string,
    source: nodeIds.get(e.source) as string,
    target: nodeIds.get(e.target) as string,
    selected: false,
  }));
  return { nodes, edges };
}

function withoutFallback(config: { fallbackOptionEdgeId?: string }) {
  const { fallbackOptionEdgeId: _dropped, ...rest } = config;
  return rest;
}
