import { isNodeKind, JOURNEY_FORMAT_VERSION, type NodeKind } from "@northstar/journey";
import {
  type FlowGraph,
  type JourneyEdgeData,
  type JourneyFlowEdge,
  type JourneyFlowNode,
  MAIN_HANDLE,
} from "./flow-types";

/**
 * The stored shape the canvas reads and writes: the journey definition, with configs typed loosely because a draft
 * may be incomplete (see `draftDefinitionSchema` on the server).
 */
export interface DraftNode {
  id: string;
  kind: NodeKind;
  position: { x: number; y: number };
  name?: string;
  config: unknown;
}
export interface DraftEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  label?: string;
  option?: JourneyEdgeData["option"];
  condition?: JourneyEdgeData["condition"];
  [key: string]: unknown;
}
export interface DraftDefinition {
  formatVersion: typeof JOURNEY_FORMAT_VERSION;
  nodes: DraftNode[];
  edges: DraftEdge[];
}

const KNOWN_EDGE_KEYS = new Set(["id", "source", "target", "sourceHandle", "label", "option", "condition"]);

export function nodeToFlow(node: DraftNode): JourneyFlowNode {
  const data: JourneyFlowNode["data"] = { config: node.config };
  if (node.name !== undefined) data.name = node.name;
  return {
    id: node.id,
    type: node.kind,
    position: { x: node.position.x, y: node.position.y },
    data,
  } as JourneyFlowNode;
}

export function edgeToFlow(edge: DraftEdge): JourneyFlowEdge {
  const data: JourneyEdgeData = {};
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

export function definitionToFlow(definition: { nodes: DraftNode[]; edges: DraftEdge[] }): FlowGraph {
  return { nodes: definition.nodes.map(nodeToFlow), edges: definition.edges.map(edgeToFlow) };
}

export function flowToNode(node: JourneyFlowNode): DraftNode {
  const kind = node.type;
  if (!isNodeKind(kind)) throw new Error(`Canvas node ${node.id} has no journey kind`);
  const out: DraftNode = {
    id: node.id,
    kind,
    position: { x: node.position.x, y: node.position.y },
    config: node.data.config,
  };
  if (node.data.name !== undefined) {
    // The schema keeps names non-empty: an emptied name field means "no name".
    if (node.data.name.trim() !== "") out.name = node.data.name;
  }
  // Key order follows the definition schema so that saved JSON diffs stay readable.
  return out.name === undefined
    ? { id: out.id, kind, position: out.position, config: out.config }
    : { id: out.id, kind, position: out.position, name: out.name, config: out.config };
}

export function flowToEdge(edge: JourneyFlowEdge): DraftEdge {
  const data = edge.data ?? {};
  const out: DraftEdge = { id: edge.id, source: edge.source, target: edge.target };
  if (edge.sourceHandle && edge.sourceHandle !== MAIN_HANDLE) out.sourceHandle = edge.sourceHandle;
  if (data.label !== undefined && data.label !== "") out.label = data.label;
  if (data.option !== undefined) out.option = data.option;
  if (data.condition !== undefined) out.condition = data.condition;
  return data.extra ? { ...data.extra, ...out } : out;
}

export function flowToDefinition(graph: FlowGraph): DraftDefinition {
  return {
    formatVersion: JOURNEY_FORMAT_VERSION,
    nodes: graph.nodes.map(flowToNode),
    edges: graph.edges.map(flowToEdge),
  };
}
