import type { z } from "zod";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic";
import { createGraph, type GraphEdge, type GraphNode, type JourneyGraph } from "../graph/journey-graph";
import { formatJsonPath } from "../issue-path";
import { definitionEnvelopeSchema, journeyDefinitionSchema } from "../schema/definition";
import { type JourneyEdge, journeyEdgeSchema } from "../schema/edge";
import { isNodeKind, type JourneyNode, NODE_CONFIG_SCHEMAS, NODE_KINDS, nodeEnvelopeSchema } from "../schema/node";
import { idSchema } from "../schema/primitives";

export interface ParsedDefinition {
  graph: JourneyGraph | null;
  diagnostics: Diagnostic[];
}

/**
 * Validates unknown input one node and one edge at a time, so that a single bad field yields one diagnostic with
 * its path while the rest of the graph is still analysed.
 */
export function parseDefinition(input: unknown): ParsedDefinition {
  // Fast path: a valid definition is parsed in one pass; only invalid input is judged item by item.
  const whole = journeyDefinitionSchema.safeParse(input);
  if (whole.success) {
    const nodes = whole.data.nodes.map((node, inputIndex) => ({ id: node.id, kind: node.kind, node, inputIndex }));
    const edges = whole.data.edges.map((edge, inputIndex) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      edge,
      inputIndex,
    }));
    const diagnostics: Diagnostic[] = [];
    return { graph: assemble(nodes, edges, diagnostics), diagnostics };
  }

  const diagnostics: Diagnostic[] = [];
  const envelope = definitionEnvelopeSchema.safeParse(input);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) {
      const path = formatJsonPath(issue.path);
      diagnostics.push(
        diagnostic("INVALID_DEFINITION", `Invalid journey definition at ${path}: ${issue.message}`, { path }),
      );
    }
    return { graph: null, diagnostics };
  }
  const nodes = envelope.data.nodes.flatMap((raw, inputIndex) => parseNode(raw, inputIndex, diagnostics) ?? []);
  const edges = envelope.data.edges.flatMap((raw, inputIndex) => parseEdge(raw, inputIndex, diagnostics) ?? []);
  return { graph: assemble(nodes, edges, diagnostics), diagnostics };
}

interface EdgeCandidate {
  id: string;
  source: string;
  target: string;
  edge: JourneyEdge | null;
  inputIndex: number;
}

/** Indexes nodes and edges by id, dropping (and reporting) duplicates and edges whose endpoints do not exist. */
function assemble(candidates: GraphNode[], edgeCandidates: EdgeCandidate[], diagnostics: Diagnostic[]): JourneyGraph {
  const nodes: GraphNode[] = [];
  const nodeIndexById = new Map<string, number>();
  for (const node of candidates) {
    if (nodeIndexById.has(node.id)) {
      diagnostics.push(
        diagnostic(
          "DUPLICATE_ID",
          `Two nodes have the id "${node.id}"; the one at nodes[${node.inputIndex}] is ignored.`,
          {
            nodeId: node.id,
            path: formatJsonPath(["nodes", node.inputIndex, "id"]),
          },
        ),
      );
      continue;
    }
    nodeIndexById.set(node.id, nodes.length);
    nodes.push(node);
  }

  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  for (const candidate of edgeCandidates) {
    const { id, inputIndex } = candidate;
    if (edgeIds.has(id)) {
      diagnostics.push(
        diagnostic("DUPLICATE_ID", `Two edges have the id "${id}"; the one at edges[${inputIndex}] is ignored.`, {
          edgeId: id,
          path: formatJsonPath(["edges", inputIndex, "id"]),
        }),
      );
      continue;
    }
    edgeIds.add(id);
    const source = nodeIndexById.get(candidate.source);
    const target = nodeIndexById.get(candidate.target);
    if (source === undefined || target === undefined) {
      const missing = [
        source === undefined ? `source "${candidate.source}"` : null,
        target === undefined ? `target "${candidate.target}"` : null,
      ]
        .filter(Boolean)
        .join(" and ");
      diagnostics.push(
        diagnostic("DANGLING_EDGE", `Edge "${id}" points to a node that does not exist: ${missing}.`, {
          edgeId: id,
          path: formatJsonPath(["edges", inputIndex]),
        }),
      );
      continue;
    }
    edges.push({ id, source, target, edge: candidate.edge, inputIndex });
  }
  return createGraph(nodes, edges, nodeIndexById);
}

function parseNode(raw: unknown, inputIndex: number, diagnostics: Diagnostic[]): GraphNode | null {
  const envelope = nodeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const nodeId = idOf(raw);
    for (const issue of envelope.error.issues) {
      const path = formatJsonPath(["nodes", inputIndex, ...issue.path]);
      diagnostics.push(diagnostic("INVALID_NODE", `Invalid node at ${path}: ${issue.message}`, { nodeId, path }));
    }
    return null;
  }
  const { id, kind, position, name, config } = envelope.data;
  if (!isNodeKind(kind)) {
    diagnostics.push(
      diagnostic(
        "UNKNOWN_NODE_KIND",
        `Node "${id}" has the unknown kind "${kind}"; expected one of ${NODE_KINDS.join(", ")}.`,
        {
          nodeId: id,
          path: formatJsonPath(["nodes", inputIndex, "kind"]),
        },
      ),
    );
    return { id, kind: null, node: null, inputIndex };
  }
  const parsedConfig = (NODE_CONFIG_SCHEMAS[kind] as z.ZodType).safeParse(config);
  if (!parsedConfig.success) {
    for (const issue of parsedConfig.error.issues) {
      const path = formatJsonPath(["nodes", inputIndex, "config", ...issue.path]);
      diagnostics.push(
        diagnostic("INVALID_CONFIG", `Node "${id}" (${kind}) has an invalid config at ${path}: ${issue.message}`, {
          nodeId: id,
          path,
        }),
      );
    }
    return { id, kind, node: null, inputIndex };
  }
  const node = {
    id,
    kind,
    position,
    ...(name !== undefined ? { name } : {}),
    config: parsedConfig.data,
  } as JourneyNode;
  return { id, kind, node, inputIndex };
}

function parseEdge(raw: unknown, inputIndex: number, diagnostics: Diagnostic[]): EdgeCandidate | null {
  const parsed = journeyEdgeSchema.safeParse(raw);
  const edgeId = idOf(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatJsonPath(["edges", inputIndex, ...issue.path]);
      diagnostics.push(diagnostic("INVALID_EDGE", `Invalid edge at ${path}: ${issue.message}`, { edgeId, path }));
    }
  }
  const record = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const source = idSchema.safeParse(record.source);
  const target = idSchema.safeParse(record.target);
  // Without an id and both endpoints the edge carries no structure; its INVALID_EDGE diagnostics say why.
  if (edgeId === undefined || !source.success || !target.success) return null;
  return {
    id: edgeId,
    source: source.data,
    target: target.data,
    edge: parsed.success ? parsed.data : null,
    inputIndex,
  };
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const id = idSchema.safeParse((raw as Record<string, unknown>).id);
  return id.success ? id.data : undefined;
}
