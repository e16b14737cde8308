import { JOURNEY_FORMAT_VERSION, type JourneyDefinition } from "./schema/definition";
import type { EdgeCondition, EdgeOption, JourneyEdge } from "./schema/edge";
import type { JourneyNode, NodeConfigOf, NodeKind } from "./schema/node";
import type { Position } from "./schema/primitives";

/**
 * Canvas shapes, structurally compatible with @xyflow/react's Node<Data, Type> and Edge<Data> without importing
 * React: the node `type` is the journey kind, `data` holds what the definition stores. Properties React Flow adds
 * (selected, measured, width...) are ignored on the way back.
 */
export type JourneyFlowNodeData<K extends NodeKind = NodeKind> = { name?: string; config: NodeConfigOf<K> };
export type JourneyFlowNode<K extends NodeKind = NodeKind> = {
  [P in K]: { id: string; type: P; position: Position; data: JourneyFlowNodeData<P> };
}[K];

export type JourneyFlowEdgeData = { option?: EdgeOption; condition?: EdgeCondition };
export interface JourneyFlowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  label?: string;
  data: JourneyFlowEdgeData;
}

export interface JourneyFlow {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}

/** Configs and options are shared, not copied: the canvas store replaces objects, it does not mutate them. */
export function definitionToFlow(definition: JourneyDefinition): JourneyFlow {
  return { nodes: definition.nodes.map(nodeToFlow), edges: definition.edges.map(edgeToFlow) };
}

export function flowToDefinition(
  nodes: readonly JourneyFlowNode[],
  edges: readonly JourneyFlowEdge[],
): JourneyDefinition {
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes: nodes.map(flowToNode), edges: edges.map(flowToEdge) };
}

export function nodeToFlow(node: JourneyNode): JourneyFlowNode {
  const data: JourneyFlowNodeData = { config: node.config };
  if (node.name !== undefined) data.name = node.name;
  return {
    id: node.id,
    type: node.kind,
    position: { x: node.position.x, y: node.position.y },
    data,
  } as JourneyFlowNode;
}

export function flowToNode(node: JourneyFlowNode): JourneyNode {
  const result = { id: node.id, kind: node.type, position: { x: node.position.x, y: node.position.y } } as JourneyNode;
  // An inspector field cleared to blanks means "no name", not an invalid empty one.
  if (node.data.name !== undefined && node.data.name.trim() !== "") result.name = node.data.name;
  result.config = node.data.config;
  return result;
}

export function edgeToFlow(edge: JourneyEdge): JourneyFlowEdge {
  const data: JourneyFlowEdgeData = {};
  if (edge.option !== undefined) data.option = edge.option;
  if (edge.condition !== undefined) data.condition = edge.condition;
  const result: JourneyFlowEdge = { id: edge.id, source: edge.source, target: edge.target, data };
  if (edge.sourceHandle !== undefined) result.sourceHandle = edge.sourceHandle;
  if (edge.label !== undefined) result.label = edge.label;
  return result;
}

export function flowToEdge(edge: JourneyFlowEdge): JourneyEdge {
  const result: JourneyEdge = { id: edge.id, source: edge.source, target: edge.target };
  if (typeof edge.sourceHandle === "string") result.sourceHandle = edge.sourceHandle;
  if (typeof edge.label === "string" && edge.label.trim() !== "") result.label = edge.label;
  if (edge.data?.option !== undefined) result.option = edge.data.option;
  if (edge.data?.condition !== undefined) result.condition = edge.data.condition;
  return result;
}
