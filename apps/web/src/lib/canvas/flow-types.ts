import type { EdgeCondition, EdgeOption, NodeKind } from "@northstar/journey";
import type { Edge, Node } from "@xyflow/react";

/**
 * What a canvas node carries. The config stays `unknown` on purpose: a draft may hold a config that is still
 * incomplete (a node just dragged from the palette); compile reports it, the canvas must never drop it.
 */
export type JourneyNodeData = {
  name?: string;
  config: unknown;
};

/** One React Flow node type per journey node kind, so each kind gets its own typed component. */
export type JourneyFlowNodeOf<K extends NodeKind> = Node<JourneyNodeData, K>;
export type JourneyFlowNode = { [K in NodeKind]: JourneyFlowNodeOf<K> }[NodeKind];

export type JourneyEdgeData = {
  label?: string;
  /** Set on the outgoing edges of an agent node: what the agent reads about this option. */
  option?: EdgeOption;
  /** Set on the outgoing edges of a rule split. */
  condition?: EdgeCondition;
  /** Fields of a stored edge the canvas does not know, kept so that a save never loses them. */
  extra?: Record<string, unknown>;
};

export type JourneyFlowEdge = Edge<JourneyEdgeData, "journey">;

/**
 * The source handle every node kind uses for its ordinary successors. Stored edges leave `sourceHandle` out for
 * it; React Flow needs an id to tell it from the "timeout" and "rejected" handles.
 */
export const MAIN_HANDLE = "out";

export interface FlowGraph {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}
