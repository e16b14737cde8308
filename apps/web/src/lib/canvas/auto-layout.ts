import dagre from "@dagrejs/dagre";
import type { FlowGraph, JourneyFlowNode } from "./flow-types";

/** Sizes used before React Flow has measured a node (first layout right after load or paste). */
export const DEFAULT_NODE_SIZE = { width: 240, height: 88 };

/**
 * Top-to-bottom layered layout (dagre). Returns new node objects with new positions only; ids, data and edges are
 * untouched, so a layout is one undo step and never a change of behaviour.
 */
export function autoLayout(graph: FlowGraph, options: { rankSep?: number; nodeSep?: number } = {}): JourneyFlowNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({
    rankdir: "TB",
    ranksep: options.rankSep ?? 70,
    nodesep: options.nodeSep ?? 50,
    marginx: 20,
    marginy: 20,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const size = (n: JourneyFlowNode) => ({
    width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
    height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
  });
  for (const node of graph.nodes) g.setNode(node.id, size(node));
  for (const edge of graph.edges) {
    // Labelled agent options need room between ranks for their label pill.
    if (g.hasNode(edge.source) && g.hasNode(edge.target))
      g.setEdge(edge.source, edge.target, { minlen: edge.data?.option ? 2 : 1 });
  }
  dagre.layout(g);
  return graph.nodes.map((node) => {
    const laid = g.node(node.id);
    if (!laid) return node;
    const { width, height } = size(node);
    // dagre gives centres; React Flow positions are top-left corners.
    return { ...node, position: { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) } };
  });
}
