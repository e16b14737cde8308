import { type JourneyGraph, outgoingOf } from "./journey-graph";

/**
 * Marks the nodes reachable from `starts` (iterative, O(V+E)). `skipEdge` lets callers ask "what is still reachable
 * without this edge", which is how prune finds the nodes only a branch reaches.
 */
export function reachableFrom(graph: JourneyGraph, starts: readonly number[], skipEdge = -1): Uint8Array {
  const seen = new Uint8Array(graph.nodes.length);
  const stack: number[] = [];
  for (const start of starts) {
    if (seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
  }
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const edgeIndex of outgoingOf(graph, node)) {
      if (edgeIndex === skipEdge) continue;
      const target = (graph.edges[edgeIndex] as { target: number }).target;
      if (seen[target]) continue;
      seen[target] = 1;
      stack.push(target);
    }
  }
  return seen;
}
