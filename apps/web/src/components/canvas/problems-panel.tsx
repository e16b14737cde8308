"use client";

import type { Diagnostic } from "@northstar/journey";
import { useReactFlow } from "@xyflow/react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { DEFAULT_NODE_SIZE } from "~/lib/canvas/auto-layout";

/** Every diagnostic of the live compile; clicking one selects its node or edge and brings it into view. */
export function ProblemsPanel({ compiling }: { compiling: boolean }) {
  const list = useCanvasStore((s) => s.diagnosticsList);
  const select = useCanvasStore((s) => s.select);
  const { setCenter, getZoom } = useReactFlow();

  const focus = (d: Diagnostic) => {
    const { nodes, edges } = useCanvasStore.getState();
    const edge = d.edgeId ? edges.find((e) => e.id === d.edgeId) : undefined;
    const nodeId = d.nodeId ?? edge?.source;
    select({ nodeId: d.edgeId ? undefined : d.nodeId, edgeId: d.edgeId });
    const centreOf = (id: string | undefined) => {
      const n = nodes.find((x) => x.id === id);
      if (!n) return null;
      return {
        x: n.position.x + (n.measured?.width ?? DEFAULT_NODE_SIZE.width) / 2,
        y: n.position.y + (n.measured?.height ?? DEFAULT_NODE_SIZE.height) / 2,
      };
    };
    const a = centreOf(nodeId);
    const b = edge ? centreOf(edge.target) : null;
    const at = a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : a;
    if (at) setCenter(at.x, at.y, { zoom: Math.max(getZoom(), 0.9), duration: 300 });
  };

  if (list.length === 0) {
    return (
      <div
        className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-800"
        data-testid="problems-empty"
      >
        {compiling ? "Checking…" : "No problems: this journey compiles and can be published."}
      </div>
    );
  }
  return (
    <ul className="space-y-1.5" data-testid="problems-list">
      {list.map((d) => (
        <li key={`${d.code}-${d.nodeId ?? ""}-${d.edgeId ?? ""}-${d.path ?? ""}-${d.message}`}>
          <button
            type="button"
            onClick={() => focus(d)}
            className={`w-full rounded-lg border px-2.5 py-2 text-left text-xs transition hover:shadow-sm ${
              d.severity === "error"
                ? "border-red-200 bg-red-50 hover:border-red-300"
                : "border-amber-200 bg-amber-50 hover:border-amber-300"
            }`}
            data-testid="problem-item"
            data-code={d.code}
            data-node-id={d.nodeId}
            data-edge-id={d.edgeId}
          >
            <span className={`mr-1.5 font-semibold ${d.severity === "error" ? "text-red-700" : "text-amber-700"}`}>
              {d.severity === "error" ? "Error" : "Warning"}
            </span>
            <span className="font-mono text-[10px] text-slate-500">{d.code}</span>
            <span className="mt-0.5 block text-slate-800">{d.message}</span>
            {d.code === "STALE_BRANCH" ? (
              <span className="mt-1 block text-[11px] text-slate-500">
                Prune arrives with the bloat dashboard; select the branch to see its history.
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
