import type { Diagnostic } from "@northstar/journey";

export interface DiagnosticsIndex {
  byNode: Map<string, Diagnostic[]>;
  byEdge: Map<string, Diagnostic[]>;
  /** Diagnostics about the journey as a whole (no entry, missing objective). */
  general: Diagnostic[];
  errors: number;
  warnings: number;
}

/** Groups a compile result by element so each node and edge finds its own badges in O(1). */
export function indexDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticsIndex {
  const index: DiagnosticsIndex = { byNode: new Map(), byEdge: new Map(), general: [], errors: 0, warnings: 0 };
  for (const d of diagnostics) {
    if (d.severity === "error") index.errors++;
    else index.warnings++;
    if (d.edgeId) push(index.byEdge, d.edgeId, d);
    if (d.nodeId) push(index.byNode, d.nodeId, d);
    if (!d.edgeId && !d.nodeId) index.general.push(d);
  }
  return index;
}

function push(map: Map<string, Diagnostic[]>, key: string, d: Diagnostic) {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

export const EMPTY_DIAGNOSTICS: DiagnosticsIndex = indexDiagnostics([]);
