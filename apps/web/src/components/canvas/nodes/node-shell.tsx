"use client";

import type { NodeKind } from "@northstar/journey";
import { type ReactFlowState, useStore } from "@xyflow/react";
import type { ReactNode } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { NODE_CATALOG } from "~/lib/canvas/node-catalog";
import { summarizeNode } from "~/lib/canvas/node-summary";
import { SimulatedNodeVolume } from "../../simulation/simulated-volume";
import { KIND_STYLE } from "../kind-style";

interface Props {
  id: string;
  kind: NodeKind;
  name?: string;
  config: unknown;
  selected: boolean;
  /** Extra content under the summary (agent options count, channel chips). */
  children?: ReactNode;
  /** The handles of this kind; each kind decides which it has. */
  handles: ReactNode;
  wide?: boolean;
}

/** Below this zoom the text is unreadable anyway: cards drop their details so panning a large journey stays smooth. */
const COMPACT_BELOW = 0.4;
const compactSelector = (s: ReactFlowState) => s.transform[2] < COMPACT_BELOW;

/** The card every kind shares: accent, kind label, name, one-line summary and its diagnostics badge. */
export function NodeShell({ id, kind, name, config, selected, children, handles, wide }: Props) {
  // Subscribes to this node's diagnostics only, so a compile re-renders the nodes whose badges changed.
  const diagnostics = useCanvasStore((s) => s.diagnostics.byNode.get(id));
  const errors = diagnostics?.filter((d) => d.severity === "error").length ?? 0;
  const warnings = (diagnostics?.length ?? 0) - errors;
  const style = KIND_STYLE[kind];
  const compact = useStore(compactSelector);
  const ring = selected ? "ring-2 ring-brand-500 ring-offset-2" : errors > 0 ? "ring-1 ring-red-300" : "";
  return (
    <div
      className={`relative flex overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm ${wide ? "w-64" : "w-60"} ${ring} ${kind === "rule_split" ? "border-dashed" : ""}`}
      data-testid={`node-${id}`}
      data-kind={kind}
      title={diagnostics?.map((d) => d.message).join("\n")}
    >
      <div className={`w-1.5 shrink-0 ${style.accent}`} />
      <div className="min-w-0 flex-1 px-3 py-2.5">
        {compact ? (
          <p className="truncate py-3 text-2xl font-semibold text-slate-900">{name || NODE_CATALOG[kind].label}</p>
        ) : (
          <>
            <div className="flex items-center gap-1.5">
              <span
                className={`inline-flex h-5 items-center gap-1 rounded px-1.5 text-[10px] font-semibold uppercase tracking-wide ${style.chip}`}
              >
                <span aria-hidden>{style.icon}</span>
                {NODE_CATALOG[kind].label}
              </span>
              {kind === "rule_split" ? <span className="text-[10px] font-medium text-zinc-500">legacy</span> : null}
            </div>
            <p className="mt-1 truncate text-sm font-semibold text-slate-900">{name || NODE_CATALOG[kind].label}</p>
            <p className="truncate text-xs text-slate-500">{summarizeNode(kind, config)}</p>
            {children}
          </>
        )}
      </div>
      {errors + warnings > 0 ? (
        <span
          className={`absolute top-1.5 right-1.5 inline-flex h-5 min-w-5 items-center justify-center rounded-full px-1 text-[11px] font-bold text-white ${errors > 0 ? "bg-red-500" : "bg-amber-500"}`}
          data-testid={`node-badge-${id}`}
        >
          {errors > 0 ? errors : warnings}
          <span className="sr-only">{` (${errors} errors, ${warnings} warnings)`}</span>
        </span>
      ) : null}
      <SimulatedNodeVolume nodeId={id} />
      {handles}
    </div>
  );
}
