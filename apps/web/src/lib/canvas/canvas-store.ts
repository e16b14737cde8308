import type { Diagnostic, NodeKind } from "@northstar/journey";
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { create } from "zustand";
import { autoLayout } from "./auto-layout";
import { copySelection, pasteClipboard } from "./clipboard";
import { type DiagnosticsIndex, EMPTY_DIAGNOSTICS, indexDiagnostics } from "./diagnostics-index";
import type { FlowGraph, JourneyEdgeData, JourneyFlowEdge, JourneyFlowNode, JourneyNodeData } from "./flow-types";
import { emptyHistory, type History, record, redo, undo } from "./history";
import { NODE_CATALOG, newId } from "./node-catalog";

/**
 * The canvas state of the open journey. UI state (selection, history, diagnostics) lives here; converting to and
 * from the stored definition is `flow-convert`'s job, so this store never decides what is saved.
 */
export interface CanvasState extends FlowGraph {
  readOnly: boolean;
  history: History<FlowGraph>;
  /** Bumped by every change that alters the definition (not selection or measuring); autosave watches it. */
  changeSeq: number;
  /** Bumped by every load, so that effects keyed on the graph (live compile) also run for a freshly opened version. */
  loadCount: number;
  clipboard: FlowGraph | null;
  diagnostics: DiagnosticsIndex;
  diagnosticsList: Diagnostic[];
  load: (graph: FlowGraph, readOnly: boolean) => void;
  onNodesChange: (changes: NodeChange<JourneyFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<JourneyFlowEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  /** Call before a drag so the whole move is one undo step. */
  checkpoint: (key?: string) => void;
  addNode: (kind: NodeKind, position: { x: number; y: number }) => string;
  updateNodeData: (id: string, patch: Partial<JourneyNodeData>, key?: string) => void;
  updateEdgeData: (id: string, patch: Partial<JourneyEdgeData>, key?: string) => void;
  deleteSelected: () => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  undo: () => void;
  redo: () => void;
  layout: () => void;
  select: (target: { nodeId?: string; edgeId?: string }) => void;
  setDiagnostics: (diagnostics: Diagnostic[]) => void;
}

const STRUCTURAL = new Set(["add", "remove", "replace"]);
const PASTE_OFFSET = { x: 48, y: 48 };

export const useCanvasStore = create<CanvasState>()((set, get) => {
  /** Applies a graph-changing action as one undo step. */
  const commit = (next: Partial<FlowGraph>, key: string | null = null) => {
    const { nodes, edges, history, changeSeq, readOnly } = get();
    if (readOnly) return;
    set({ ...next, history: record(history, { nodes, edges }, key), changeSeq: changeSeq + 1 });
  };
  const restore = (result: { history: History<FlowGraph>; state: FlowGraph } | null) => {
    if (!result || get().readOnly) return;
    set({ ...result.state, history: result.history, changeSeq: get().changeSeq + 1 });
  };

  return {
    nodes: [],
    edges: [],
    readOnly: false,
    history: emptyHistory(),
    changeSeq: 0,
    loadCount: 0,
    clipboard: null,
    diagnostics: EMPTY_DIAGNOSTICS,
    diagnosticsList: [],

    load: (graph, readOnly) =>
      set({
        ...graph,
        readOnly,
        history: emptyHistory(),
        changeSeq: 0,
        loadCount: get().loadCount + 1,
        diagnostics: EMPTY_DIAGNOSTICS,
        diagnosticsList: [],
      }),

    onNodesChange: (changes) => {
      const { nodes, edges, readOnly } = get();
      // Read-only views still let people select and inspect; they never move or delete.
      const allowed = readOnly ? changes.filter((c) => c.type === "select" || c.type === "dimensions") : changes;
      const structural = allowed.some((c) => STRUCTURAL.has(c.type));
      const moved = allowed.some((c) => c.type === "position" && c.dragging === false);
      const nextNodes = applyNodeChanges(allowed, nodes);
      if (structural) {
        const removed = new Set(allowed.flatMap((c) => (c.type === "remove" ? [c.id] : [])));
        commit({ nodes: nextNodes, edges: edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) });
      } else if (moved) {
        // The drag's undo checkpoint was taken at drag start; the drop only marks the draft changed.
        set({ nodes: nextNodes, changeSeq: get().changeSeq + 1 });
      } else set({ nodes: nextNodes });
    },

    onEdgesChange: (changes) => {
      const { edges, readOnly } = get();
      const allowed = readOnly ? changes.filter((c) => c.type === "select") : changes;
      const nextEdges = applyEdgeChanges(allowed, edges);
      if (allowed.some((c) => STRUCTURAL.has(c.type))) commit({ edges: nextEdges });
      else set({ edges: nextEdges });
    },

    onConnect: (connection) => {
      const { nodes, edges } = get();
      const source = nodes.find((n) => n.id === connection.source);
      const data: JourneyEdgeData = {};
      if (source?.type === "agent") {
        // An agent's outgoing edges are its options: each starts labelled so the agent and the reader know it.
        const count = edges.filter((e) => e.source === source.id).length;
        data.option = { label: `Option ${count + 1}`, description: "", eligibility: [] };
      }
      const edge: JourneyFlowEdge = { ...connection, id: newId("edge"), type: "journey", data } as JourneyFlowEdge;
      commit({ edges: addEdge(edge, edges) });
    },

    checkpoint: (key) => {
      const { nodes, edges, history, readOnly } = get();
      if (!readOnly) set({ history: record(history, { nodes, edges }, key ?? null) });
    },

    addNode: (kind, position) => {
      const id = newId(kind);
      const node = {
        id,
        type: kind,
        position,
        selected: true,
        data: { name: NODE_CATALOG[kind].label, config: NODE_CATALOG[kind].defaultConfig() },
      } as JourneyFlowNode;
      const nodes = get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
      commit({ nodes: [...nodes, node], edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)) });
      return id;
    },

    updateNodeData: (id, patch, key) => {
      const nodes = get().nodes.map((n) =>
        n.id === id ? ({ ...n, data: { ...n.data, ...patch } } as JourneyFlowNode) : n,
      );
      commit({ nodes }, key ?? null);
    },

    updateEdgeData: (id, patch, key) => {
      const edges = get().edges.map((e) => (e.id === id ? { ...e, data: { ...e.data, ...patch } } : e));
      commit({ edges }, key ?? null);
    },

    deleteSelected: () => {
      const { nodes, edges } = get();
      const removed = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
      const keptEdges = edges.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target));
      if (removed.size === 0 && keptEdges.length === edges.length) return;
      commit({ nodes: nodes.filter((n) => !removed.has(n.id)), edges: keptEdges });
    },

    copy: () => {
      const clip = copySelection(get());
      if (clip.nodes.length > 0) set({ clipboard: clip });
    },

    paste: () => {
      const { clipboard, nodes, edges } = get();
      if (!clipboard) return;
      const pasted = pasteClipboard(clipboard, PASTE_OFFSET);
      commit({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
        edges: [...edges, ...pasted.edges],
      });
      // The next paste lands further down, like every design tool does.
      set({ clipboard: shift(clipboard) });
    },

    duplicate: () => {
      const clip = copySelection(get());
      if (clip.nodes.length === 0) return;
      const pasted = pasteClipboard(clip, PASTE_OFFSET);
      const { nodes, edges } = get();
      commit({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
        edges: [...edges, ...pasted.edges],
      });
    },

    undo: () => restore(undo(get().history, { nodes: get().nodes, edges: get().edges })),
    redo: () => restore(redo(get().history, { nodes: get().nodes, edges: get().edges })),

    layout: () => commit({ nodes: autoLayout(get()) }),

    select: ({ nodeId, edgeId }) =>
      set({
        nodes: get().nodes.map((n) => (n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
        edges: get().edges.map((e) => (e.selected === (e.id === edgeId) ? e : { ...e, selected: e.id === edgeId })),
      }),

    setDiagnostics: (diagnostics) => set({ diagnostics: indexDiagnostics(diagnostics), diagnosticsList: diagnostics }),
  };
});

function shift(clip: FlowGraph): FlowGraph {
  return {
    nodes: clip.nodes.map((n) => ({
      ...n,
      position: { x: n.position.x + PASTE_OFFSET.x, y: n.position.y + PASTE_OFFSET.y },
    })),
    edges: clip.edges,
  };
}
