import { type GraphNode, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/** AGENT_TOO_FEW_OPTIONS, AGENT_FALLBACK_NOT_AN_OPTION, AGENT_OPTION_UNDESCRIBED. */
export function checkAgents(graph: JourneyGraph, out: Diagnostic[]): void {
  graph.nodes.forEach((node: GraphNode, i) => {
    if (node.kind !== "agent") return;
    const options = outgoingOf(graph, i).map((e) => graph.edges[e] as (typeof graph.edges)[number]);
    if (options.length < 2) {
      out.push(
        diagnostic(
          "AGENT_TOO_FEW_OPTIONS",
          `Agent ${describeNode(node)} has ${options.length} option(s); it needs at least two to decide between.`,
          {
            nodeId: node.id,
            details: { optionCount: options.length },
          },
        ),
      );
    }
    for (const option of options) {
      if (option.edge && !option.edge.option) {
        out.push(
          diagnostic(
            "AGENT_OPTION_UNDESCRIBED",
            `Option edge "${option.id}" of agent ${describeNode(node)} has no label or description for the agent to read.`,
            {
              nodeId: node.id,
              edgeId: option.id,
            },
          ),
        );
      }
    }
    const fallback = node.node?.kind === "agent" ? node.node.config.fallbackOptionEdgeId : undefined;
    if (fallback !== undefined && !options.some((o) => o.id === fallback)) {
      out.push(
        diagnostic(
          "AGENT_FALLBACK_NOT_AN_OPTION",
          `Agent ${describeNode(node)} falls back to edge "${fallback}", which is not one of its options.`,
          {
            nodeId: node.id,
            edgeId: fallback,
          },
        ),
      );
    }
  });
}
