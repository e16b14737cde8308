"use client";

import { useShallow } from "zustand/react/shallow";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { EdgeInspector } from "./edge-inspector";
import { NodeInspector } from "./node-inspector";

/** Shows the one selected node or edge; a multi-selection shows what can be done with it. */
export function InspectorPanel() {
  const { nodeIds, edgeIds } = useCanvasStore(
    useShallow((s) => ({
      nodeIds: s.nodes
        .filter((n) => n.selected)
        .map((n) => n.id)
        .join(","),
      edgeIds: s.edges
        .filter((e) => e.selected)
        .map((e) => e.id)
        .join(","),
    })),
  );
  const node = useCanvasStore((s) =>
    nodeIds && !nodeIds.includes(",") ? s.nodes.find((n) => n.id === nodeIds) : undefined,
  );
  const edge = useCanvasStore((s) =>
    !nodeIds && edgeIds && !edgeIds.includes(",") ? s.edges.find((e) => e.id === edgeIds) : undefined,
  );
  const readOnly = useCanvasStore((s) => s.readOnly);
  if (node) return <NodeInspector key={node.id} node={node} />;
  if (edge) return <EdgeInspector key={edge.id} edge={edge} />;
  const count = (nodeIds ? nodeIds.split(",").length : 0) + (edgeIds ? edgeIds.split(",").length : 0);
  if (count > 1) {
    return (
      <div className="space-y-2 text-sm text-slate-600">
        <p className="font-semibold text-slate-900">{count} elements selected</p>
        {readOnly ? null : (
          <p className="text-xs">
            Drag to move them together · ⌘/Ctrl+D duplicate · ⌘/Ctrl+C copy · Delete removes them
          </p>
        )}
      </div>
    );
  }
  if (readOnly) {
    return (
      <div className="space-y-2 text-sm text-slate-600">
        <p className="font-semibold text-slate-900">Nothing selected</p>
        <p className="text-xs">Select a step or a connection to see its settings. This version cannot change.</p>
      </div>
    );
  }
  return (
    <div className="space-y-3 text-sm text-slate-600">
      <p className="font-semibold text-slate-900">Nothing selected</p>
      <p className="text-xs">Select a step or a connection to edit it.</p>
      <ul className="space-y-1 text-xs text-slate-500">
        <li>Drag from a step&apos;s bottom handle to another step to connect them.</li>
        <li>An agent&apos;s connections are its options: label them so the agent knows what each is for.</li>
        <li>Shift-drag on the canvas selects several steps.</li>
        <li>⌘/Ctrl+Z undo · ⇧⌘/Ctrl+Shift+Z redo · ⌘/Ctrl+S save</li>
      </ul>
    </div>
  );
}
