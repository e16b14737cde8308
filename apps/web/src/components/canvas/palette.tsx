"use client";

import { useReactFlow } from "@xyflow/react";
import { useRef } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { NODE_CATALOG, PALETTE_KINDS } from "~/lib/canvas/node-catalog";
import { KIND_STYLE } from "./kind-style";

export const PALETTE_MIME = "application/x-northstar-kind";

/** Node kinds to drag onto the canvas, or click to drop at the centre of the view. */
export function Palette() {
  const addNode = useCanvasStore((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();
  const clicks = useRef(0);

  const addAtCentre = (kind: (typeof PALETTE_KINDS)[number]) => {
    const pane = document.querySelector("[data-testid=journey-canvas]")?.getBoundingClientRect();
    const centre = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: 400, y: 300 };
    const at = screenToFlowPosition(centre);
    // Successive clicks cascade so new nodes never hide each other.
    const step = (clicks.current++ % 6) * 28;
    addNode(kind, { x: at.x - 120 + step, y: at.y - 40 + step });
  };

  return (
    <aside
      className="flex w-52 shrink-0 flex-col gap-1.5 overflow-y-auto border-r border-slate-200 bg-white p-3"
      aria-label="Node palette"
    >
      <p className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wider text-slate-400">Add a step</p>
      {PALETTE_KINDS.map((kind) => {
        const info = NODE_CATALOG[kind];
        const style = KIND_STYLE[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, kind);
              e.dataTransfer.effectAllowed = "move";
            }}
            onClick={() => addAtCentre(kind)}
            className="group flex cursor-grab items-start gap-2 rounded-lg border border-slate-200 px-2.5 py-2 text-left transition hover:border-brand-500 hover:bg-brand-50 active:cursor-grabbing"
            data-testid={`palette-${kind}`}
            title={`Drag onto the canvas, or click to add: ${info.hint}`}
          >
            <span
              className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-md text-xs text-white ${style.accent}`}
            >
              {style.icon}
            </span>
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-800">{info.label}</span>
              <span className="block text-[11px] leading-tight text-slate-500">{info.hint}</span>
            </span>
          </button>
        );
      })}
    </aside>
  );
}
