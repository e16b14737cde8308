import { createGraph, entryIndices, type GraphEdge, type GraphNode } from "./graph/journey-graph";
import { reachableFrom } from "./graph/reachability";
import type { JourneyDefinition } from "./schema/definition";

export interface PrunePlan {
  edgeId: string;
  /** Nodes reachable from an entry only through the pruned edge, in definition order. */
  removedNodeIds: string[];
  /** The pruned edge and every edge touching a removed node, in definition order. */
  removedEdgeIds: string[];
}

/**
 * What pruning `edgeId` removes: the edge and the nodes an entry reaches only through it. A node also reachable
 * from an entry by another path is kept, and so is a node no entry reached before. Null when the edge does not
 * exist. O(V+E).
 */
export function planPrune(definition: JourneyDefinition, edgeId: string): PrunePlan | null {
  const nodeIndexById = new Map<string, number>();
  const nodes: GraphNode[] = [];
  definition.nodes.forEach((node, inputIndex) => {
    if (nodeIndexById.has(node.id)) return;
    nodeIndexById.set(node.id, nodes.length);
    nodes.push({ id: node.id, kind: node.kind, node, inputIndex });
  });
  const edges: GraphEdge[] = [];
  let pruned = -1;
  definition.edges.forEach((edge, inputIndex) => {
    const source = nodeIndexById.get(edge.source);
    const target = nodeIndexById.get(edge.target);
    if (edge.id === edgeId && pruned === -1) pruned = source !== undefined && target !== undefined ? edges.length : -2;
    if (source === undefined || target === undefined) return;
    edges.push({ id: edge.id, source, target, edge, inputIndex });
  });
  if (pruned === -1) return null;

  const graph = createGraph(nodes, edges, nodeIndexById);
  const entries = entryIndices(graph);
  const before = reachableFrom(graph, entries);
  const after = pruned >= 0 ? reachableFrom(graph, entries, pruned) : before;
  const removed = new Set<string>();
  nodes.forEach((node, i) => {
    if (before[i] && !after[i]) removed.add(node.id);
  });
  return {
    edgeId,
    removedNodeIds: definition.nodes.filter((n) => removed.has(n.id)).map((n) => n.id),
    removedEdgeIds: definition.edges
      .filter((e) => e.id === edgeId || removed.has(e.source) || removed.has(e.target))
      .map((e) => e.id),
  };
}

/** A copy of the definition without `edgeId` and the nodes only it reaches; unchanged (a copy) if it is absent. */
export function prunedDefinition(definition: JourneyDefinition, edgeId: string): JourneyDefinition {
  const plan = planPrune(definition, edgeId);
  if (!plan) return { ...definition, nodes: [...definition.nodes], edges: [...definition.edges] };
  const nodeIds = new Set(plan.removedNodeIds);
  const edgeIds = new Set(plan.removedEdgeIds);
  return {
    ...definition,
    nodes: definition.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: definition.edges.filter((e) => !edgeIds.has(e.id)),
  };
}
