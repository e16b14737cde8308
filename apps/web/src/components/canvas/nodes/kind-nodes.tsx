"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import type { JourneyFlowEdge, JourneyFlowNodeOf } from "~/lib/canvas/flow-types";
import { OutcomeHandle, SourceHandle, TargetHandle } from "./handles";
import { NodeShell } from "./node-shell";

/**
 * Option labels per agent, computed once per edges array (not once per agent per store update): with hundreds of
 * agents, scanning every edge for each of them made large journeys sluggish.
 */
const labelCache = new WeakMap<JourneyFlowEdge[], Map<string, string>>();
function optionLabelsBySource(edges: JourneyFlowEdge[]): Map<string, string> {
  let labels = labelCache.get(edges);
  if (!labels) {
    labels = new Map();
    for (const e of edges) {
      const label = e.data?.option?.label ?? "unlabelled";
      const before = labels.get(e.source);
      labels.set(e.source, before === undefined ? label : `${before}\u0000${label}`);
    }
    labelCache.set(edges, labels);
  }
  return labels;
}

/**
 * One typed, memoised component per journey node kind. They read their data from props and their diagnostics
 * from the store; every edit goes through the store's `updateNodeData`, never through callbacks hidden in data.
 */
export const EntryNode = memo(function EntryNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"entry">>) {
  return (
    <NodeShell
      id={id}
      kind="entry"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={<SourceHandle color="!bg-emerald-500" />}
    />
  );
});

export const AgentNode = memo(function AgentNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"agent">>) {
  // A string, so the node re-renders only when its own options change.
  const options = useCanvasStore((s) => optionLabelsBySource(s.edges).get(id) ?? "");
  const labels = options ? options.split("\u0000") : [];
  return (
    <NodeShell
      id={id}
      kind="agent"
      name={data.name}
      config={data.config}
      selected={selected}
      wide
      handles={
        <>
          <TargetHandle />
          <SourceHandle color="!bg-violet-600" />
        </>
      }
    >
      <p className={`mt-1.5 text-[11px] font-medium ${labels.length < 2 ? "text-red-600" : "text-violet-700"}`}>
        {labels.length} option{labels.length === 1 ? "" : "s"}
        {labels.length > 0 ? `: ${labels.join(" · ")}` : " — drag from the bottom handle"}
      </p>
    </NodeShell>
  );
});

export const MessageNode = memo(function MessageNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"message">>) {
  return (
    <NodeShell
      id={id}
      kind="message"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={
        <>
          <TargetHandle />
          <SourceHandle color="!bg-sky-500" />
        </>
      }
    />
  );
});

export const WaitNode = memo(function WaitNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"wait">>) {
  const untilEvent = (data.config as { type?: string } | null)?.type === "until_event";
  return (
    <NodeShell
      id={id}
      kind="wait"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={
        <>
          <TargetHandle />
          {untilEvent ? (
            <>
              <OutcomeHandle id="out" label="event" left="30%" color="!bg-amber-500" />
              <OutcomeHandle id="timeout" label="timeout" left="70%" color="!bg-slate-400" />
            </>
          ) : (
            <SourceHandle color="!bg-amber-500" />
          )}
        </>
      }
    >
      {untilEvent ? <div className="h-3" /> : null}
    </NodeShell>
  );
});

export const ReviewNode = memo(function ReviewNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"review">>) {
  return (
    <NodeShell
      id={id}
      kind="review"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={
        <>
          <TargetHandle />
          <OutcomeHandle id="out" label="approved" left="30%" color="!bg-green-600" />
          <OutcomeHandle id="rejected" label="rejected" left="70%" color="!bg-rose-500" />
        </>
      }
    >
      <div className="h-3" />
    </NodeShell>
  );
});

export const GoalNode = memo(function GoalNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"goal">>) {
  return (
    <NodeShell
      id={id}
      kind="goal"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={<TargetHandle />}
    />
  );
});

export const ExitNode = memo(function ExitNode({ id, data, selected }: NodeProps<JourneyFlowNodeOf<"exit">>) {
  return (
    <NodeShell
      id={id}
      kind="exit"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={<TargetHandle />}
    />
  );
});

export const RuleSplitNode = memo(function RuleSplitNode({
  id,
  data,
  selected,
}: NodeProps<JourneyFlowNodeOf<"rule_split">>) {
  return (
    <NodeShell
      id={id}
      kind="rule_split"
      name={data.name}
      config={data.config}
      selected={selected}
      handles={
        <>
          <TargetHandle />
          <SourceHandle color="!bg-zinc-400" />
        </>
      }
    />
  );
});

/** Defined once at module level: React Flow re-creates every node when this object's identity changes. */
export const NODE_TYPES = {
  entry: EntryNode,
  agent: AgentNode,
  message: MessageNode,
  wait: WaitNode,
  review: ReviewNode,
  goal: GoalNode,
  exit: ExitNode,
  rule_split: RuleSplitNode,
};
