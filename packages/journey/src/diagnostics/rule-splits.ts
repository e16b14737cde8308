import { type GraphNode, incomingOf, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/** Rule trees this big are what an agent node replaces: a chain of 2+ splits, or one split with 3+ branches. */
export const COLLAPSIBLE_CHAIN_SIZE = 2;
export const COLLAPSIBLE_BRANCH_COUNT = 3;

/** RULE_SPLIT_MISSING_CONDITION, RULE_SPLIT_NEEDS_ONE_ELSE, COLLAPSIBLE_RULE_TREE. */
export function checkRuleSplits(graph: JourneyGraph, out: Diagnostic[]): void {
  graph.nodes.forEach((node: GraphNode, i) => {
    if (node.kind !== "rule_split") return;
    const branches = outgoingOf(graph, i).map((e) => graph.edges[e] as (typeof graph.edges)[number]);
    let elseCount = 0;
    let allValid = true;
    for (const branch of branches) {
      if (!branch.edge) allValid = false;
      else if (!branch.edge.condition) {
        out.push(
          diagnostic(
            "RULE_SPLIT_MISSING_CONDITION",
            `Branch "${branch.id}" of rule split ${describeNode(node)} has no condition; give it rules or make it the else branch.`,
            {
              nodeId: node.id,
              edgeId: branch.id,
            },
          ),
        );
      } else if (branch.edge.condition.type === "else") elseCount++;
    }
    if (allValid && branches.length > 0 && elseCount !== 1) {
      out.push(
        diagnostic(
          "RULE_SPLIT_NEEDS_ONE_ELSE",
          `Rule split ${describeNode(node)} has ${elseCount} else branches; it needs exactly one so every customer has a way on.`,
          {
            nodeId: node.id,
            details: { elseCount },
          },
        ),
      );
    }
  });
  checkCollapsibleTrees(graph, out);
}

/** Groups splits linked split-to-split (union-find, O(V+E)) and reports each tree once, on its root. */
function checkCollapsibleTrees(graph: JourneyGraph, out: Diagnostic[]): void {
  const parent = graph.nodes.map((_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const isSplit = (i: number) => graph.nodes[i]?.kind === "rule_split";
  for (const edge of graph.edges) {
    if (isSplit(edge.source) && isSplit(edge.target)) parent[find(edge.source)] = find(edge.target);
  }

  const trees = new Map<number, number[]>();
  graph.nodes.forEach((_, i) => {
    if (!isSplit(i)) return;
    const root = find(i);
    const members = trees.get(root);
    if (members) members.push(i);
    else trees.set(root, [i]);
  });

  for (const members of trees.values()) {
    const nodes = members.map((i) => graph.nodes[i] as GraphNode);
    const ids = nodes.map((n) => n.id).sort();
    const branchCount = members.reduce((sum, i) => sum + outgoingOf(graph, i).length, 0);
    if (members.length < COLLAPSIBLE_CHAIN_SIZE && branchCount < COLLAPSIBLE_BRANCH_COUNT) continue;
    const roots = members.filter(
      (i) => !incomingOf(graph, i).some((e) => isSplit((graph.edges[e] as { source: number }).source)),
    );
    const rootIds = (roots.length > 0 ? roots : members).map((i) => (graph.nodes[i] as GraphNode).id).sort();
    const root = graph.nodes[graph.nodeIndexById.get(rootIds[0] as string) as number] as GraphNode;
    const shape =
      members.length >= COLLAPSIBLE_CHAIN_SIZE
        ? `a tree of ${members.length} rule splits`
        : `a rule split with ${branchCount} branches`;
    out.push(
      diagnostic(
        "COLLAPSIBLE_RULE_TREE",
        `${shape[0]?.toUpperCase()}${shape.slice(1)} starting at ${describeNode(root)} could be one agent node whose options are its outcomes.`,
        {
          nodeId: root.id,
          details: { nodeIds: ids, splitCount: members.length, branchCount },
        },
      ),
    );
  }
}
