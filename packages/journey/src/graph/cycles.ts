import { type JourneyGraph, outgoingOf } from "./journey-graph";

/**
 * Strongly connected components that contain a cycle (two or more nodes, or one node with an edge to itself),
 * among the nodes `include` accepts. Tarjan's algorithm with an explicit stack: O(V+E) and no recursion, so it does
 * not overflow the call stack on 10,000-node chains.
 */
export function cyclicComponents(graph: JourneyGraph, include: (nodeIndex: number) => boolean): number[][] {
  const n = graph.nodes.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const componentStack: number[] = [];
  const callStack: Array<{ node: number; cursor: number }> = [];
  const components: number[][] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1 || !include(root)) continue;
    visit(root);
    while (callStack.length > 0) {
      const frame = callStack[callStack.length - 1] as { node: number; cursor: number };
      const edges = outgoingOf(graph, frame.node);
      if (frame.cursor < edges.length) {
        const target = (graph.edges[edges[frame.cursor++] as number] as { target: number }).target;
        if (!include(target)) continue;
        if (order[target] === -1) visit(target);
        else if (onStack[target]) low[frame.node] = Math.min(low[frame.node] as number, order[target] as number);
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node] as number, low[frame.node] as number);
      if (low[frame.node] === order[frame.node]) popComponent(frame.node);
    }
  }
  return components;

  function visit(node: number) {
    order[node] = counter;
    low[node] = counter;
    counter++;
    onStack[node] = 1;
    componentStack.push(node);
    callStack.push({ node, cursor: 0 });
  }

  function popComponent(root: number) {
    const component: number[] = [];
    let member: number;
    do {
      member = componentStack.pop() as number;
      onStack[member] = 0;
      component.push(member);
    } while (member !== root);
    if (component.length > 1 || hasSelfLoop(root)) components.push(component);
  }

  function hasSelfLoop(node: number): boolean {
    return outgoingOf(graph, node).some((e) => (graph.edges[e] as { target: number }).target === node);
  }
}
