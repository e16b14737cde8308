"use client";

import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  getSmoothStepPath,
  type ReactFlowState,
  useStore,
} from "@xyflow/react";
import { memo } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import type { JourneyFlowEdge } from "~/lib/canvas/flow-types";
import { useStaleBranches } from "../stale/stale-branches-store";
import { SimulatedEdgeVolume } from "../../simulation/simulated-volume";

/** Labels are unreadable below this zoom; skipping them keeps panning a large journey smooth. */
const hideLabelsSelector = (s: ReactFlowState) => s.transform[2] < 0.4;

const HANDLE_LABEL: Record<string, string> = { timeout: "timeout", rejected: "rejected" };

/**
 * Every journey edge. Agent options show their label (that is what the agent chooses between); timeout and
 * rejection branches say so; stale branches are dashed amber with "stale N days" (the dashboard's verdict, shown to
 * managers) or dimmed with a "stale" badge (compile's warning); diagnostics colour the edge.
 */
export const JourneyEdge = memo(function JourneyEdge(props: EdgeProps<JourneyFlowEdge>) {
  const {
    id,
    data,
    selected,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    sourceHandleId,
    markerEnd,
  } = props;
  const diagnostics = useCanvasStore((s) => s.diagnostics.byEdge.get(id));
  const hideLabels = useStore(hideLabelsSelector);
  const staleDays = useStaleBranches((s) => s.byEdge.get(id)?.idleDays);
  const stale = staleDays !== undefined || diagnostics?.some((d) => d.code === "STALE_BRANCH");
  const staleTitle =
    staleDays !== undefined
      ? `Has not fired for ${staleDays} days of running time: select it to prune`
      : diagnostics?.find((d) => d.code === "STALE_BRANCH")?.message;
  const errors = diagnostics?.filter((d) => d.severity === "error") ?? [];
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 12,
  });
  const label = data?.option?.label ?? data?.label ?? (sourceHandleId ? HANDLE_LABEL[sourceHandleId] : undefined);
  const amber = staleDays !== undefined;
  const stroke = selected
    ? "#3b52e0"
    : errors.length > 0
      ? "#ef4444"
      : amber
        ? "#d97706"
        : data?.option
          ? "#7c3aed"
          : "#94a3b8";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{
          stroke,
          strokeWidth: selected ? 2.5 : 1.75,
          strokeDasharray: stale || sourceHandleId === "timeout" || sourceHandleId === "rejected" ? "6 4" : undefined,
          opacity: stale && !amber ? 0.35 : 1,
        }}
        interactionWidth={18}
      />
      {!hideLabels && (label || stale || errors.length > 0) ? (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="nodrag nopan pointer-events-auto absolute flex cursor-pointer items-center gap-1"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
            // Labels sit above the edge path; a click on one selects its edge like a click on the path.
            onClick={() => useCanvasStore.getState().select({ edgeId: id })}
          >
            {label ? (
              <span
                className={`rounded-full border px-2 py-0.5 text-[11px] font-medium shadow-sm ${
                  data?.option
                    ? "border-violet-200 bg-violet-50 text-violet-800"
                    : "border-slate-200 bg-white text-slate-600"
                } ${stale && !amber ? "opacity-50" : ""} ${selected ? "ring-2 ring-brand-500" : ""}`}
              >
                {label}
              </span>
            ) : null}
            {stale ? (
              <span
                className={`whitespace-nowrap rounded-full px-1.5 py-0.5 text-[10px] font-semibold text-white ${
                  amber ? "bg-amber-600" : "bg-slate-700"
                }`}
                title={staleTitle}
                data-testid={`stale-badge-${id}`}
              >
                {amber ? `stale ${staleDays} days` : "stale"}
              </span>
            ) : null}
            {errors.length > 0 ? (
              <span
                className="rounded-full bg-red-500 px-1.5 py-0.5 text-[10px] font-bold text-white"
                title={errors.map((e) => e.message).join("\n")}
              >
                {errors.length}
              </span>
            ) : null}
          </button>
        </EdgeLabelRenderer>
      ) : null}
      {hideLabels ? null : <SimulatedEdgeVolume edgeId={id} x={labelX} y={labelY} />}
    </>
  );
});

export const EDGE_TYPES = { journey: JourneyEdge };
