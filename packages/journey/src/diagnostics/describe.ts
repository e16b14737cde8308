import type { GraphEdge, GraphNode, JourneyGraph } from "../graph/journey-graph";

/** How messages name a node: its display name when it has one, always its id. */
export function describeNode(node: GraphNode): string {
  const name = node.node?.name;
  return name ? `"${name}" (${node.id})` : `"${node.id}"`;
}

export function describeEdge(graph: JourneyGraph, edge: GraphEdge): string {
  const source = graph.nodes[edge.source] as GraphNode;
  const target = graph.nodes[edge.target] as GraphNode;
  const label = edge.edge?.option?.label ?? edge.edge?.label;
  return `${label ? `"${label}" ` : ""}edge "${edge.id}" from ${describeNode(source)} to ${describeNode(target)}`;
}
