"use client";

import { Area, AreaChart, ResponsiveContainer, YAxis } from "recharts";
import { COLORS, number, type Overview } from "./format";

const CARDS = [
  { key: "journeys", label: "Journeys" },
  { key: "nodes", label: "Nodes" },
  { key: "branches", label: "Branches" },
  { key: "staleBranches", label: "Stale branches" },
  { key: "ruleSplits", label: "Rule splits" },
] as const;

/** One card per measure: today's value, the change over 30 days and a 180-day sparkline of the trend. */
export function TotalsCards({ overview }: { overview: Overview }) {
  const trend = overview.trend;
  const monthAgo = trend.length > 30 ? trend[trend.length - 31] : trend[0];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {CARDS.map((card) => {
        const value = overview.totals[card.key];
        const delta = monthAgo ? value - monthAgo[card.key] : 0;
        const bad = card.key === "staleBranches" || card.key === "ruleSplits";
        const tone = delta === 0 ? "text-slate-500" : delta > 0 === bad ? "text-red-600" : "text-emerald-600";
        return (
          <div
            key={card.key}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
            data-testid={`total-${card.key}`}
          >
            <p className="text-xs font-medium uppercase tracking-wider text-slate-500">{card.label}</p>
            <div className="mt-1 flex items-baseline gap-2">
              <span className="text-2xl font-semibold text-slate-900">{number(value)}</span>
              <span className={`text-xs font-medium ${tone}`} title="Change over the last 30 days">
                {delta > 0 ? "+" : ""}
                {delta} in 30 d
              </span>
            </div>
            <div className="mt-2 h-10">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={trend} margin={{ top: 2, right: 0, bottom: 0, left: 0 }}>
                  {/* From zero, so a flat measure reads as flat at its level, not as a line pinned to the top. */}
                  <YAxis hide domain={[0, "dataMax"]} />
                  <Area
                    type="monotone"
                    dataKey={card.key}
                    stroke={COLORS[card.key]}
                    fill={COLORS[card.key]}
                    fillOpacity={0.15}
                    strokeWidth={1.5}
                    isAnimationActive={false}
                    dot={false}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </div>
        );
      })}
    </div>
  );
}
