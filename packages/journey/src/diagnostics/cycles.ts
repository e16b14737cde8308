import { cyclicComponents } from "../graph/cycles";
import type { GraphNode, JourneyGraph } from "../graph/journey-graph";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/**
 * CYCLE_WITHOUT_WAIT: a cycle that avoids every wait node would spin a customer through sends with no pause.
 * Removing the wait nodes and looking for what is still cyclic finds exactly those cycles, even inside a larger loop
 * that does contain a wait on another path. Reported once per component, on its first node by id.
 */
export function checkCycles(graph: JourneyGraph, out: Diagnostic[]): void {
  for (const component of cyclicComponents(graph, (i) => graph.nodes[i]?.kind !== "wait")) {
    const members = component
      .map((i) => graph.nodes[i] as GraphNode)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first = members[0] as GraphNode;
    out.push(
      diagnostic(
        "CYCLE_WITHOUT_WAIT",
        `Nodes ${members.map(describeNode).join(", ")} form a loop with no wait; add a wait so customers cannot cycle without pause.`,
        { nodeId: first.id, details: { nodeIds: members.map((m) => m.id) } },
      ),
    );
  }
}
