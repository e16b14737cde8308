"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type ChartRow, countKey, type NodeOption, shareKey } from "~/lib/decisions/node-series";

/** Option colours in the node's option order; the reward line stays dark so it reads over any bar. */
export const OPTION_COLORS = ["#7c3aed", "#0ea5e9", "#f59e0b", "#10b981", "#ef4444", "#64748b", "#ec4899", "#84cc16"];

const pct = (v: number) => `${Math.round(v * 100)}%`;
const dayLabel = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Each day's decisions as stacked option shares, with the day's mean reward as a line on the right axis. */
export function NodeDecisionsChart({
  options,
  rows,
  compact = false,
}: {
  options: NodeOption[];
  rows: ChartRow[];
  /** For the canvas side panel: shorter, no legend (the list under it names the options). */
  compact?: boolean;
}) {
  return (
    <div className={compact ? "h-36" : "h-72"} data-testid="node-decisions-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={compact ? { top: 4, right: -16, bottom: 0, left: -24 } : { top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="day" tickFormatter={dayLabel} minTickGap={24} tick={{ fontSize: 11, fill: "#64748b" }} />
          <YAxis yAxisId="share" domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 11, fill: "#64748b" }} />
          <YAxis
            yAxisId="reward"
            orientation="right"
            domain={[0, "auto"]}
            tickFormatter={(v: number) => (Math.round(v * 100) / 100).toString()}
            tick={{ fontSize: 11, fill: "#64748b" }}
          />
          <Tooltip
            labelFormatter={(d) => dayLabel(String(d))}
            formatter={(value, name, item) => {
              const key = String(item.dataKey ?? "");
              if (key.startsWith("share:")) {
                const count = (item.payload as ChartRow)[countKey(key.slice("share:".length))];
                return [`${pct(Number(value))} (${count})`, name];
              }
              return [value === null ? "—" : (Math.round(Number(value) * 100) / 100).toString(), name];
            }}
          />
          {compact ? null : <Legend wrapperStyle={{ fontSize: 12 }} />}
          {options.map((o, i) => (
            <Bar
              key={o.edgeId}
              yAxisId="share"
              stackId="share"
              dataKey={shareKey(o.edgeId)}
              name={o.label}
              fill={OPTION_COLORS[i % OPTION_COLORS.length]}
              isAnimationActive={false}
            />
          ))}
          <Line
            yAxisId="reward"
            type="monotone"
            dataKey="rewardPerDecision"
            name="Reward per decision so far"
            stroke="#0f172a"
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
