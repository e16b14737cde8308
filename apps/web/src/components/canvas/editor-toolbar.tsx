"use client";

import { useReactFlow } from "@xyflow/react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";

const tool =
  "inline-flex h-8 items-center gap-1 rounded-md border border-slate-200 bg-white px-2.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";

/** Floating tools over the canvas: history, layout, view. Each names its shortcut in the tooltip. */
export function EditorToolbar() {
  const readOnly = useCanvasStore((s) => s.readOnly);
  const canUndo = useCanvasStore((s) => s.history.past.length > 0);
  const canRedo = useCanvasStore((s) => s.history.future.length > 0);
  const hasSelection = useCanvasStore((s) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected));
  const { undo, redo, layout, duplicate, deleteSelected } = useCanvasStore.getState();
  const { fitView } = useReactFlow();
  return (
    <div className="absolute top-3 left-3 z-10 flex flex-wrap gap-1.5" role="toolbar" aria-label="Canvas tools">
      {readOnly ? null : (
        <>
          <button
            type="button"
            className={tool}
            disabled={!canUndo}
            onClick={undo}
            title="Undo (⌘/Ctrl+Z)"
            aria-label="Undo"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            className={tool}
            disabled={!canRedo}
            onClick={redo}
            title="Redo (⇧⌘/Ctrl+Shift+Z)"
            aria-label="Redo"
          >
            ↷ Redo
          </button>
          <button
            type="button"
            className={tool}
            disabled={!hasSelection}
            onClick={duplicate}
            title="Duplicate (⌘/Ctrl+D)"
          >
            ⧉ Duplicate
          </button>
          <button
            type="button"
            className={tool}
            disabled={!hasSelection}
            onClick={deleteSelected}
            title="Delete (Delete/Backspace)"
          >
            ✕ Delete
          </button>
          <button
            type="button"
            className={tool}
            onClick={() => {
              layout();
              // Wait a frame so React Flow has the new positions before framing them.
              requestAnimationFrame(() => void fitView({ padding: 0.2, duration: 300, maxZoom: 1 }));
            }}
            title="Arrange the journey top to bottom"
          >
            ⇵ Auto-layout
          </button>
        </>
      )}
      <button
        type="button"
        className={tool}
        onClick={() => void fitView({ padding: 0.2, duration: 300, maxZoom: 1 })}
        title="Fit the whole journey in view"
      >
        ⤢ Fit view
      </button>
    </div>
  );
}
