import { JOURNEY_FORMAT_VERSION } from "./schema/definition";
import type { EdgeCondition, EdgeOption } from "./schema/edge";
import { isNodeKind, type NodeKind } from "./schema/node";
import type { Position } from "./schema/primitives";

/**
 * The canvas's side of a journey definition, and the one conversion between the two. The canvas (apps/web) renders
 * these shapes with React Flow; they are structurally compatible with @xyflow/react's `Node<Data, Type>` and
 * `Edge<Data, "journey">` without importing React. Properties React Flow adds (selected, measured, width...) are
 * ignored on the way back.
 */

/**
 * A definition as stored and edited: a draft may hold configs that are still incomplete (a node just dragged from
 * the palette) and edge fields the canvas does not know; compile reports the first, a save must lose neither.
 * Every valid `JourneyDefinition` is one.
 */
export interface DraftNode {
  id: string;
  kind: NodeKind;
  position: Position;
  name?: string;
  config: unknown;
}
export interface DraftEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  label?: string;
  option?: EdgeOption;
  condition?: EdgeCondition;
  [key: string]: unknown;
}
export interface DraftDefinition {
  formatVersion: typeof JOURNEY_FORMAT_VERSION;
  nodes: DraftNode[];
  edges: DraftEdge[];
}

/**
 * The source handle every node kind uses for its ordinary successors. Stored edges leave `sourceHandle` out for it;
 * React Flow needs an id to tell it from the "timeout" and "rejected" handles.
 */
export const MAIN_HANDLE = "out";

/** What a canvas node carries: the config stays `unknown`, as in a draft. */
export type JourneyFlowNodeData = { name?: string; config: unknown };
export type JourneyFlowNode = {
  [K in NodeKind]: { id: string; type: K; position: Position; data: JourneyFlowNodeData };
}[NodeKind];

export type JourneyFlowEdgeData = {
  label?: string;
  /** Set on the outgoing edges of an agent node: what the agent reads about this option. */
  option?: EdgeOption;
  /** Set on the outgoing edges of a rule split. */
  condition?: EdgeCondition;
  /** Fields of a stored edge the canvas does not know, kept so that a save never loses them. */
  extra?: Record<string, unknown>;
};
export interface JourneyFlowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  type?: "journey";
  data?: JourneyFlowEdgeData;
}

const KNOWN_EDGE_KEYS = new Set(["id", "source", "target", "sourceHandle", "label", "option", "condition"]);

export function nodeToFlow(node: DraftNode): JourneyFlowNode {
  const data: JourneyFlowNodeData = { config: node.config };
  if (node.name !== undefined) data.name = node.name;
  return {
    id: node.id,
    type: node.kind,
    position: { x: node.position.x, y: node.position.y },
    data,
  } as JourneyFlowNode;
}

export function edgeToFlow(edge: DraftEdge): JourneyFlowEdge & { sourceHandle: string; data: JourneyFlowEdgeData } {
  const data: JourneyFlowEdgeData = {};
  if (edge.label !== undefined) data.label = edge.label;
  if (edge.option !== undefined) data.option = edge.option;
  if (edge.condition !== undefined) data.condition = edge.condition;
  const extra = Object.fromEntries(Object.entries(edge).filter(([key]) => !KNOWN_EDGE_KEYS.has(key)));
  if (Object.keys(extra).length > 0) data.extra = extra;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? MAIN_HANDLE,
    type: "journey",
    data,
  };
}

/** Configs and options are shared, not copied: the canvas store replaces objects, it does not mutate them. */
export function definitionToFlow(definition: Pick<DraftDefinition, "nodes" | "edges">) {
  return { nodes: definition.nodes.map(nodeToFlow), edges: definition.edges.map(edgeToFlow) };
}

export function flowToNode(node: { id: string; type?: string; position: Position; data: JourneyFlowNodeData }) {
  const kind = node.type;
  if (!kind || !isNodeKind(kind)) throw new Error(`Canvas node ${node.id} has no journey kind`);
  // Key order follows the definition schema so that saved JSON diffs stay readable; an inspector name cleared to
  // blanks means "no name", not an invalid empty one.
  const position = { x: node.position.x, y: node.position.y };
  const name = node.data.name;
  return name !== undefined && name.trim() !== ""
    ? ({ id: node.id, kind, position, name, config: node.data.config } satisfies DraftNode)
    : ({ id: node.id, kind, position, config: node.data.config } satisfies DraftNode);
}

export function flowToEdge(edge: JourneyFlowEdge): DraftEdge {
  const data = edge.data ?? {};
  const out: DraftEdge = { id: edge.id, source: edge.source, target: edge.target };
  if (edge.sourceHandle && edge.sourceHandle !== MAIN_HANDLE) out.sourceHandle = edge.sourceHandle;
  if (data.label !== undefined && data.label.trim() !== "") out.label = data.label;
  if (data.option !== undefined) out.option = data.option;
  if (data.condition !== undefined) out.condition = data.condition;
  return data.extra ? { ...data.extra, ...out } : out;
}

export function flowToDefinition(graph: {
  nodes: readonly Parameters<typeof flowToNode>[0][];
  edges: readonly JourneyFlowEdge[];
}): DraftDefinition {
  return {
    formatVersion: JOURNEY_FORMAT_VERSION,
    nodes: graph.nodes.map(flowToNode),
    edges: graph.edges.map(flowToEdge),
  };
}
