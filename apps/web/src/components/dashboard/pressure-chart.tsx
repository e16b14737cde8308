"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DashboardOutputs } from "./format";

type Pressure = DashboardOutputs["pressure"];

/**
 * Messages per customer per week, per channel, against the channel's tightest frequency cap expressed per week.
 * Bars are the average customer, the line the 95th percentile: the tail is what hits the cap.
 */
export function PressureChart({ pressure }: { pressure: Pressure }) {
  const channels = pressure.filter((c) => c.weeks.length > 0);
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="pressure-title">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="pressure-title" className="text-sm font-semibold text-slate-900">
          Message pressure
        </h2>
        <p className="text-xs text-slate-500">
          Messages per customer per week across all journeys, last 8 weeks; dashed line: the cap, per week.
        </p>
      </div>
      {channels.length === 0 ? (
        <p className="p-6 text-sm text-slate-500">No messages sent in the last 8 weeks.</p>
      ) : null}
      <div className="grid gap-2 p-3 md:grid-cols-3" data-testid="pressure-charts">
        {channels.map((c) => {
          const last = c.weeks.at(-1);
          return (
            <div key={c.channel} className="rounded-lg border border-slate-100 p-2">
              <div className="flex items-baseline justify-between px-1">
                <h3 className="text-sm font-medium capitalize text-slate-900">{c.channel}</h3>
                <span className="text-xs text-slate-500">cap {c.capLabel ?? "none"}</span>
              </div>
              <p className="px-1 text-xs text-slate-600">
                This week: {last?.perCustomer ?? 0} per customer,{" "}
                <span className={last?.overCap ? "font-semibold text-red-600" : ""}>
                  {last?.overCap ?? 0} of {last?.customers ?? 0} over the cap
                </span>
              </p>
              <div className="h-40">
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={c.weeks} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
                    <CartesianGrid stroke="#f1f5f9" vertical={false} />
                    <XAxis
                      dataKey="week"
                      tickFormatter={(d: string) =>
                        new Date(d).toLocaleDateString("en-GB", { day: "numeric", month: "short" })
                      }
                      tick={{ fontSize: 10, fill: "#64748b" }}
                      minTickGap={16}
                    />
                    <YAxis tick={{ fontSize: 10, fill: "#64748b" }} allowDecimals={false} />
                    <Tooltip />
                    <Legend wrapperStyle={{ fontSize: 11 }} />
                    <Bar dataKey="perCustomer" name="average" fill="#4f6cf7" isAnimationActive={false} />
                    <Line
                      dataKey="p95"
                      name="95th pct"
                      stroke="#e11d48"
                      dot={false}
                      strokeWidth={2}
                      isAnimationActive={false}
                    />
                    {c.weeklyCap !== null ? (
                      <ReferenceLine y={c.weeklyCap} stroke="#0f172a" strokeDasharray="4 3" />
                    ) : null}
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
