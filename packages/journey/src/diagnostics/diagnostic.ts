import { type DiagnosticCode, type DiagnosticSeverity, DIAGNOSTIC_CODES } from "./codes";

export type DetailValue = string | number | boolean | null | string[];

export interface Diagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  /** For people: names the node or edge and what to do. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON path of the offending field, e.g. "$.nodes[3].config.channel". */
  path?: string;
  /** Machine-readable facts for the canvas and the dashboard (ids involved, dates, counts). */
  details?: Record<string, DetailValue>;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  where: Omit<Diagnostic, "code" | "severity" | "message"> = {},
): Diagnostic {
  const result: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code].severity, message };
  if (where.nodeId !== undefined) result.nodeId = where.nodeId;
  if (where.edgeId !== undefined) result.edgeId = where.edgeId;
  if (where.path !== undefined) result.path = where.path;
  if (where.details !== undefined) result.details = where.details;
  return result;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Errors first, then by code and location, so that equal inputs give identical lists. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    [d.severity === "error" ? "0" : "1", d.code, d.nodeId ?? "", d.edgeId ?? "", d.path ?? "", d.message].join(
      "\u0000",
    );
  const keyed = diagnostics.map((d) => [key(d), d] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, d]) => d);
}
