"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type Overview, STATUS_CHIP } from "./format";

const PARTS = [
  { key: "stale", label: "Stale share", color: "#f59e0b" },
  { key: "idle", label: "Idle", color: "#94a3b8" },
  { key: "ruleSplits", label: "Rule splits", color: "#e11d48" },
  { key: "overlap", label: "Overlap", color: "#8b5cf6" },
  { key: "size", label: "Size", color: "#0ea5e9" },
] as const;

/**
 * Journeys by bloat score (0-100): stale share 40, idle 20, rule splits 15, overlap 15, size 10. The stacked bar shows
 * which symptom drives each score.
 */
export function RankedJourneys({ ranked, onOpen }: { ranked: Overview["ranked"]; onOpen: (id: string) => void }) {
  const data = ranked.slice(0, 12).map((r) => ({ name: r.name, id: r.id, ...r.scoreParts }));
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="ranked-title">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="ranked-title" className="text-sm font-semibold text-slate-900">
          Journeys ranked by bloat score
        </h2>
        <p className="text-xs text-slate-500">
          Score out of 100: stale share 40 · idle 20 · rule splits 15 (5+) · overlap 15 (3+ journeys) · size 10 (60+
          nodes). Click a journey for its drill-down.
        </p>
      </div>
      <div className="h-80 px-2 pt-2" data-testid="bloat-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
            <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 11, fill: "#64748b" }} />
            <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 11, fill: "#334155" }} interval={0} />
            <Tooltip />
            {PARTS.map((p) => (
              <Bar
                key={p.key}
                dataKey={p.key}
                name={p.label}
                stackId="score"
                fill={p.color}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(entry) => onOpen((entry as unknown as { id: string }).id)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wider text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">Journey</th>
            <th className="px-4 py-2 text-right font-medium">Score</th>
            <th className="px-4 py-2 text-right font-medium">Stale / branches</th>
            <th className="px-4 py-2 text-right font-medium">Nodes</th>
            <th className="px-4 py-2 text-right font-medium">Rule splits</th>
            <th className="px-4 py-2 text-right font-medium">Entries 30 d</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {ranked.map((r) => (
            <tr
              key={r.id}
              className="cursor-pointer hover:bg-slate-50"
              onClick={() => onOpen(r.id)}
              data-testid="ranked-row"
            >
              <td className="px-4 py-2">
                <span className="font-medium text-slate-900">{r.name}</span>{" "}
                <span
                  className={`ml-1 rounded-full px-1.5 py-0.5 text-[10px] font-semibold ring-1 ${STATUS_CHIP[r.status] ?? ""}`}
                >
                  {r.status.toLowerCase()}
                </span>
                {r.idle ? (
                  <span className="ml-1 rounded-full bg-slate-200 px-1.5 py-0.5 text-[10px] font-semibold text-slate-700">
                    idle
                  </span>
                ) : null}
                <p className="text-xs text-slate-500">
                  {r.owner.name}
                  {r.tags.length ? ` · ${r.tags.join(", ")}` : ""}
                </p>
              </td>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">{r.score}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {r.staleBranches} / {r.branches}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{r.nodes}</td>
              <td className="px-4 py-2 text-right tabular-nums">{r.ruleSplits}</td>
              <td className="px-4 py-2 text-right tabular-nums">{r.entriesLast30.toLocaleString("en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
