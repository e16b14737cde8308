import { canonicalJson } from "@northstar/journey";
import type { DraftDefinition } from "./flow-convert";

export interface DefinitionDiff {
  nodes: { added: string[]; removed: string[]; changed: string[]; moved: string[] };
  edges: { added: string[]; removed: string[]; changed: string[] };
}

/**
 * What changed between two versions, by stable id. A node whose only change is its position is "moved", not
 * "changed": a layout pass must not read like a change of behaviour in version history.
 */
export function diffDefinitions(
  before: Pick<DraftDefinition, "nodes" | "edges">,
  after: Pick<DraftDefinition, "nodes" | "edges">,
): DefinitionDiff {
  const diff: DefinitionDiff = {
    nodes: { added: [], removed: [], changed: [], moved: [] },
    edges: { added: [], removed: [], changed: [] },
  };
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  for (const [id, node] of newNodes) {
    const old = oldNodes.get(id);
    if (!old) diff.nodes.added.push(id);
    else if (canonicalJson({ ...old, position: null }) !== canonicalJson({ ...node, position: null }))
      diff.nodes.changed.push(id);
    else if (old.position.x !== node.position.x || old.position.y !== node.position.y) diff.nodes.moved.push(id);
  }
  for (const id of oldNodes.keys()) if (!newNodes.has(id)) diff.nodes.removed.push(id);
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  const newEdges = new Map(after.edges.map((e) => [e.id, e]));
  for (const [id, edge] of newEdges) {
    const old = oldEdges.get(id);
    if (!old) diff.edges.added.push(id);
    else if (canonicalJson(old) !== canonicalJson(edge)) diff.edges.changed.push(id);
  }
  for (const id of oldEdges.keys()) if (!newEdges.has(id)) diff.edges.removed.push(id);
  return diff;
}

export function diffIsEmpty(diff: DefinitionDiff): boolean {
  return [...Object.values(diff.nodes), ...Object.values(diff.edges)].every((list) => list.length === 0);
}
