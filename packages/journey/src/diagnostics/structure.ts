import { entryIndices, type GraphNode, incomingOf, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import { reachableFrom } from "../graph/reachability";
import { TERMINAL_KINDS } from "../schema/node";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/** NO_ENTRY, ENTRY_HAS_INCOMING, UNREACHABLE_NODE, DEAD_END, TERMINAL_HAS_SUCCESSORS. */
export function checkStructure(graph: JourneyGraph, out: Diagnostic[]): void {
  const entries = entryIndices(graph);
  if (entries.length === 0) {
    out.push(diagnostic("NO_ENTRY", "The journey has no entry node; add one so customers can enroll."));
  }
  // With no entry every node is unreachable; NO_ENTRY alone says it better.
  const reachable = entries.length > 0 ? reachableFrom(graph, entries) : null;

  graph.nodes.forEach((node: GraphNode, i) => {
    const successors = outgoingOf(graph, i).length;
    if (node.kind === "entry" && incomingOf(graph, i).length > 0) {
      out.push(
        diagnostic(
          "ENTRY_HAS_INCOMING",
          `Entry ${describeNode(node)} has incoming edges; customers only enter through its trigger.`,
          {
            nodeId: node.id,
          },
        ),
      );
    }
    if (reachable && !reachable[i]) {
      out.push(
        diagnostic("UNREACHABLE_NODE", `Node ${describeNode(node)} cannot be reached from any entry.`, {
          nodeId: node.id,
        }),
      );
    }
    if (node.kind === null) return;
    const terminal = TERMINAL_KINDS.includes(node.kind);
    if (!terminal && successors === 0) {
      out.push(
        diagnostic("DEAD_END", `Node ${describeNode(node)} has no successor; connect it onward or to a goal or exit.`, {
          nodeId: node.id,
        }),
      );
    }
    if (terminal && successors > 0) {
      out.push(
        diagnostic(
          "TERMINAL_HAS_SUCCESSORS",
          `${node.kind === "goal" ? "Goal" : "Exit"} ${describeNode(node)} ends the journey and cannot have outgoing edges.`,
          {
            nodeId: node.id,
          },
        ),
      );
    }
  });
}
