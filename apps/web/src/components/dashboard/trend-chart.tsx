"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { COLORS, type Overview } from "./format";

/** Stale branches against all branches over 180 days: the one chart that says whether the estate is rotting. */
export function TrendChart({ trend }: { trend: Overview["trend"] }) {
  if (trend.length < 2) {
    return <p className="p-6 text-sm text-slate-500">The trend starts with today's point; come back tomorrow.</p>;
  }
  return (
    <div className="h-64" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={trend} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => new Date(d).toLocaleDateString("en-GB", { month: "short" })}
            minTickGap={40}
            tick={{ fontSize: 11, fill: "#64748b" }}
          />
          <YAxis tick={{ fontSize: 11, fill: "#64748b" }} allowDecimals={false} />
          <Tooltip labelFormatter={(d) => new Date(String(d)).toLocaleDateString("en-GB")} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            type="stepAfter"
            dataKey="branches"
            name="Branches"
            stroke={COLORS.branches}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="staleBranches"
            name="Stale branches"
            stroke={COLORS.staleBranches}
            dot={false}
            strokeWidth={2.5}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="ruleSplits"
            name="Rule splits"
            stroke={COLORS.ruleSplits}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="journeys"
            name="Journeys"
            stroke={COLORS.journeys}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
