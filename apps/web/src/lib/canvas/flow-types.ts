import type { JourneyFlowEdgeData, JourneyFlowNodeData, NodeKind } from "@northstar/journey";
import type { Edge, Node } from "@xyflow/react";

/**
 * React Flow's typing of the canvas shapes of packages/journey flow.ts, which owns them and their conversion. The
 * config stays `unknown` on purpose: a draft may hold a config that is still incomplete; compile reports it, the
 * canvas must never drop it.
 */
export type JourneyNodeData = JourneyFlowNodeData;

/** One React Flow node type per journey node kind, so each kind gets its own typed component. */
export type JourneyFlowNodeOf<K extends NodeKind> = Node<JourneyNodeData, K>;
export type JourneyFlowNode = { [K in NodeKind]: JourneyFlowNodeOf<K> }[NodeKind];

export type JourneyEdgeData = JourneyFlowEdgeData;

export type JourneyFlowEdge = Edge<JourneyEdgeData, "journey">;

export interface FlowGraph {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}
