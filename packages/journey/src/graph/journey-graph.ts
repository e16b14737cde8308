import type { JourneyEdge } from "../schema/edge";
import type { JourneyNode, NodeKind } from "../schema/node";

/** A node as compile sees it: `node` is null when its config is invalid, `kind` is null when the kind is unknown. */
export interface GraphNode {
  id: string;
  kind: NodeKind | null;
  node: JourneyNode | null;
  /** Index in the input `nodes` array, for JSON paths. */
  inputIndex: number;
}

export interface GraphEdge {
  id: string;
  source: number;
  target: number;
  /** Null when the edge's option or condition is invalid; its endpoints still count for the structure. */
  edge: JourneyEdge | null;
  inputIndex: number;
}

/** Index-based adjacency, so that every analysis runs in O(V+E) without map lookups in its inner loop. */
export interface JourneyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Edge indices leaving / entering each node, in input order. */
  outgoing: number[][];
  incoming: number[][];
  nodeIndexById: Map<string, number>;
}

export function createGraph(nodes: GraphNode[], edges: GraphEdge[], nodeIndexById: Map<string, number>): JourneyGraph {
  const outgoing: number[][] = nodes.map(() => []);
  const incoming: number[][] = nodes.map(() => []);
  edges.forEach((edge, i) => {
    (outgoing[edge.source] as number[]).push(i);
    (incoming[edge.target] as number[]).push(i);
  });
  return { nodes, edges, outgoing, incoming, nodeIndexById };
}

export function entryIndices(graph: JourneyGraph): number[] {
  const result: number[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.kind === "entry") result.push(i);
  });
  return result;
}

export function outgoingOf(graph: JourneyGraph, nodeIndex: number): number[] {
  return graph.outgoing[nodeIndex] ?? [];
}

export function incomingOf(graph: JourneyGraph, nodeIndex: number): number[] {
  return graph.incoming[nodeIndex] ?? [];
}
