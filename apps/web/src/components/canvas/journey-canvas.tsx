"use client";

import type { NodeKind } from "@northstar/journey";
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import type { JourneyFlowEdge, JourneyFlowNode } from "~/lib/canvas/flow-types";
import { isNodeKind } from "@northstar/journey";
import { EDGE_TYPES } from "./edges/journey-edge";
import { KIND_STYLE } from "./kind-style";
import { NODE_TYPES } from "./nodes/kind-nodes";
import { PALETTE_MIME } from "./palette";

const DEFAULT_EDGE_OPTIONS = { type: "journey", markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const PRO_OPTIONS = { hideAttribution: true };
/** Above this size only what is on screen is rendered; below it, rendering everything keeps panning smooth. */
const VIRTUALIZE_FROM = 200;
const LARGE_JOURNEY = 150;

/** The React Flow surface bound to the canvas store. Kinds and edges render through the typed components. */
export function JourneyCanvas() {
  const { nodes, edges, readOnly, onNodesChange, onEdgesChange, onConnect, checkpoint, addNode } = useCanvasStore(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      readOnly: s.readOnly,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
      onConnect: s.onConnect,
      checkpoint: s.checkpoint,
      addNode: s.addNode,
    })),
  );
  const { screenToFlowPosition, fitView } = useReactFlow();
  const loadCount = useCanvasStore((s) => s.loadCount);

  // Frame the journey once per opened version. Not the `fitView` prop: on an empty canvas it would re-frame (and
  // reset the zoom) when the first node is added.
  // A large journey opens on its entries at a readable zoom (the minimap shows the whole): fitting hundreds of
  // steps at once would show an unreadable sliver.
  useEffect(() => {
    const all = useCanvasStore.getState().nodes;
    if (loadCount === 0 || all.length === 0) return;
    if (all.length <= LARGE_JOURNEY) {
      void fitView({ padding: 0.2, maxZoom: 1 });
      return;
    }
    const top = [...all].sort((a, b) => a.position.y - b.position.y).slice(0, 10);
    void fitView({ nodes: top.map((n) => ({ id: n.id })), padding: 0.2, minZoom: 0.5, maxZoom: 1 });
  }, [loadCount, fitView]);

  const isValidConnection = useCallback((c: Connection | Edge) => {
    const { nodes: all, edges: existing } = useCanvasStore.getState();
    if (c.source === c.target) return false;
    const target = all.find((n) => n.id === c.target);
    // Customers only enter through triggers: nothing may point into an entry.
    if (!target || target.type === "entry") return false;
    return !existing.some(
      (e) => e.source === c.source && e.target === c.target && (e.sourceHandle ?? null) === (c.sourceHandle ?? null),
    );
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!isNodeKind(kind)) return;
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop point is where the cursor is: centre the card on it.
      addNode(kind as NodeKind, { x: at.x - 120, y: at.y - 40 });
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <div className="h-full w-full" data-testid="journey-canvas">
      <ReactFlow<JourneyFlowNode, JourneyFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDragOver={onDragOver}
        onDrop={onDrop}
        isValidConnection={isValidConnection}
        onNodeDragStart={() => checkpoint()}
        onSelectionDragStart={() => checkpoint()}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={null}
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements={nodes.length > VIRTUALIZE_FROM}
        minZoom={0.05}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        className="bg-slate-50"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Journey minimap"
          nodeColor={(n) => KIND_STYLE[n.type as NodeKind]?.minimap ?? "#94a3b8"}
          nodeStrokeWidth={0}
          className="!rounded-lg !border !border-slate-200 !shadow-sm"
        />
        <Controls showInteractive={false} className="!rounded-lg !shadow-sm" />
      </ReactFlow>
    </div>
  );
}
