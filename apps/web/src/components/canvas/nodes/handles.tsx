"use client";

import { MAIN_HANDLE } from "@northstar/journey";
import { Handle, Position } from "@xyflow/react";

const base = "!h-3 !w-3 !border-2 !border-white";

export function TargetHandle() {
  return <Handle type="target" position={Position.Top} className={`${base} !bg-slate-400`} />;
}

/** The ordinary successor handle; kinds with a second outcome (timeout, rejected) add a labelled one. */
export function SourceHandle({ color = "!bg-slate-500", left }: { color?: string; left?: string }) {
  return (
    <Handle
      type="source"
      id={MAIN_HANDLE}
      position={Position.Bottom}
      className={`${base} ${color}`}
      style={left ? { left } : undefined}
    />
  );
}

export function OutcomeHandle({ id, label, left, color }: { id: string; label: string; left: string; color: string }) {
  return (
    <>
      <Handle type="source" id={id} position={Position.Bottom} className={`${base} ${color}`} style={{ left }} />
      <span
        className="pointer-events-none absolute bottom-1 -translate-x-1/2 text-[9px] font-semibold uppercase tracking-wide text-slate-400"
        style={{ left }}
      >
        {label}
      </span>
    </>
  );
}
