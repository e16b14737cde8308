import type { DraftEdge, DraftNode } from "./flow";
import { canonicalJson } from "./hash/canonical-json";

export interface ChangedItem<T, F extends string> {
  id: string;
  before: T;
  after: T;
  /** The top-level fields that differ. */
  fields: F[];
}

export type NodeField = "kind" | "name" | "config";
export type EdgeField = "source" | "target" | "sourceHandle" | "label" | "option" | "condition";

/** Differences between two definitions (valid ones or drafts: the nodes and edges passed in come back). */
export interface DefinitionDiff<N extends DraftNode = DraftNode, E extends DraftEdge = DraftEdge> {
  nodes: {
    added: N[];
    removed: N[];
    /** Kind, name or config differ (position may differ too). */
    changed: Array<ChangedItem<N, NodeField>>;
    /** Only the canvas position differs: a layout pass does not read as a change of behaviour. */
    moved: Array<{ id: string; before: N; after: N }>;
  };
  edges: {
    added: E[];
    removed: E[];
    changed: Array<ChangedItem<E, EdgeField>>;
  };
}

const NODE_FIELDS: NodeField[] = ["kind", "name", "config"];
const EDGE_FIELDS: EdgeField[] = ["source", "target", "sourceHandle", "label", "option", "condition"];

/** Differences between two definitions by stable id, in the order of `after` (removals in the order of `before`). */
export function diffDefinitions<N extends DraftNode, E extends DraftEdge>(
  before: { nodes: readonly N[]; edges: readonly E[] },
  after: { nodes: readonly N[]; edges: readonly E[] },
): DefinitionDiff<N, E> {
  const nodes = diffById(before.nodes, after.nodes, NODE_FIELDS);
  const moved: DefinitionDiff<N, E>["nodes"]["moved"] = [];
  const changed: DefinitionDiff<N, E>["nodes"]["changed"] = [];
  const beforeById = new Map(before.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) {
    const old = beforeById.get(node.id);
    if (!old) continue;
    const change = nodes.changed.get(node.id);
    if (change) changed.push(change);
    else if (old.position.x !== node.position.x || old.position.y !== node.position.y)
      moved.push({ id: node.id, before: old, after: node });
  }
  const edges = diffById(before.edges, after.edges, EDGE_FIELDS);
  return {
    nodes: { added: nodes.added, removed: nodes.removed, changed, moved },
    edges: { added: edges.added, removed: edges.removed, changed: [...edges.changed.values()] },
  };
}

export function diffIsEmpty(diff: DefinitionDiff<DraftNode, DraftEdge>): boolean {
  return [...Object.values(diff.nodes), ...Object.values(diff.edges)].every((list) => list.length === 0);
}

function diffById<T extends { id: string }, F extends string & keyof T>(
  before: readonly T[],
  after: readonly T[],
  fields: F[],
) {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const added: T[] = [];
  const changed = new Map<string, ChangedItem<T, F>>();
  for (const item of after) {
    const old = beforeById.get(item.id);
    if (!old) {
      added.push(item);
      continue;
    }
    const differing = fields.filter((field) => canonicalJson(old[field]) !== canonicalJson(item[field]));
    if (differing.length > 0) changed.set(item.id, { id: item.id, before: old, after: item, fields: differing });
  }
  const removed = before.filter((item) => !afterIds.has(item.id));
  return { added, removed, changed };
}
