import type { NodeKind } from "@northstar/journey";

/** One visual identity per kind, shared by the palette, the nodes and the minimap. */
export const KIND_STYLE: Record<NodeKind, { accent: string; chip: string; icon: string; minimap: string }> = {
  entry: { accent: "bg-emerald-500", chip: "bg-emerald-50 text-emerald-700", icon: "▶", minimap: "#10b981" },
  agent: { accent: "bg-violet-600", chip: "bg-violet-50 text-violet-700", icon: "✦", minimap: "#7c3aed" },
  message: { accent: "bg-sky-500", chip: "bg-sky-50 text-sky-700", icon: "✉", minimap: "#0ea5e9" },
  wait: { accent: "bg-amber-500", chip: "bg-amber-50 text-amber-700", icon: "◷", minimap: "#f59e0b" },
  review: { accent: "bg-rose-500", chip: "bg-rose-50 text-rose-700", icon: "✋", minimap: "#f43f5e" },
  goal: { accent: "bg-green-600", chip: "bg-green-50 text-green-700", icon: "⚑", minimap: "#16a34a" },
  exit: { accent: "bg-slate-500", chip: "bg-slate-100 text-slate-600", icon: "⏏", minimap: "#64748b" },
  rule_split: { accent: "bg-zinc-400", chip: "bg-zinc-100 text-zinc-600", icon: "⑂", minimap: "#a1a1aa" },
};
