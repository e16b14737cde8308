"use client";

import { EdgeLabelRenderer } from "@xyflow/react";
import { formatCount, formatShare, useSimulationOverlay } from "~/lib/simulation/overlay-store";

/**
 * Simulated customers on an edge, and the option's share on an agent node's edge. Dashed sky-blue pills: distinct
 * from option labels (violet) and diagnostics (red).
 */
export function SimulatedEdgeVolume({ edgeId, x, y }: { edgeId: string; x: number; y: number }) {
  const volume = useSimulationOverlay((s) => (s.visible ? s.results?.edges[edgeId] : undefined));
  const share = useSimulationOverlay((s) => {
    if (!s.visible || !s.results) return undefined;
    for (const node of Object.values(s.results.options)) {
      const option = (node as { byEdge?: Record<string, { share: number }> }).byEdge?.[edgeId];
      if (option) return option.share;
    }
    return undefined;
  });
  const shown = useSimulationOverlay((s) => s.visible && s.results !== null);
  if (!shown) return null;
  return (
    <EdgeLabelRenderer>
      <span
        className="nodrag nopan pointer-events-none absolute rounded-full border border-dashed border-sky-400 bg-sky-50 px-1.5 py-0.5 text-[10px] font-semibold text-sky-800 shadow-sm"
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y + 18}px)` }}
        data-testid={`sim-edge-${edgeId}`}
        title="Simulated customers on this edge"
      >
        {formatCount(volume?.customers ?? 0)}
        {share !== undefined ? ` · ${formatShare(share)}` : ""}
      </span>
    </EdgeLabelRenderer>
  );
}

/** Simulated customers reaching a node: a sky-blue tab under the card. */
export function SimulatedNodeVolume({ nodeId }: { nodeId: string }) {
  const volume = useSimulationOverlay((s) => (s.visible && s.results ? (s.results.nodes[nodeId] ?? null) : undefined));
  if (volume === undefined) return null;
  return (
    <span
      className="absolute right-2 bottom-1 rounded border border-dashed border-sky-400 bg-sky-50 px-1 text-[10px] font-semibold text-sky-800"
      data-testid={`sim-node-${nodeId}`}
      title="Simulated customers reaching this step"
    >
      ◌ {formatCount(volume?.customers ?? 0)}
    </span>
  );
}
