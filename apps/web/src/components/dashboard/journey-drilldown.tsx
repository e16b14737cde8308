"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Area, AreaChart, Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "~/trpc/react";
import { branchName, COLORS, day, number } from "./format";

/** One journey: entries per day over 90 days, and per branch its fires over 13 weeks (stale ones in amber). */
export function JourneyDrilldown({ journeyId, onClose }: { journeyId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.dashboard.journey.queryOptions({ journeyId }));
  const d = detail.data;
  const bars = (d?.branches ?? []).map((b) => ({ name: branchName(b), fires: b.firesLast13Weeks, stale: b.stale }));
  return (
    <aside
      className="fixed inset-y-0 right-0 z-40 w-full max-w-xl overflow-auto border-l border-slate-200 bg-white shadow-2xl"
      aria-label="Journey drill-down"
      data-testid="drilldown"
    >
      <div className="flex items-start justify-between border-b border-slate-200 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{d?.journey.name ?? "Loading…"}</h2>
          {d ? (
            <p className="text-xs text-slate-500">
              {d.journey.status.toLowerCase()} · {d.journey.owner.name} · live since {day(d.journey.liveSince)} · v
              {d.version.number}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
          aria-label="Close"
        >
          ✕
        </button>
      </div>
      {detail.error ? <p className="p-5 text-sm text-red-600">{detail.error.message}</p> : null}
      {d ? (
        <div className="space-y-5 p-5">
          <div>
            <div className="flex items-baseline justify-between">
              <h3 className="text-sm font-medium text-slate-900">Entries, last 90 days</h3>
              <span className="text-xs text-slate-500">
                {number(d.entries.reduce((n, e) => n + e.entries, 0))} in total
              </span>
            </div>
            <div className="h-20" data-testid="entries-sparkline">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={d.entries} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
                  <Tooltip labelFormatter={(_, p) => String(p?.[0]?.payload?.day ?? "")} />
                  <Area
                    dataKey="entries"
                    stroke={COLORS.entries}
                    fill={COLORS.entries}
                    fillOpacity={0.15}
                    isAnimationActive={false}
                    dot={false}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-900">Fires per branch, last 13 weeks</h3>
            <div style={{ height: Math.max(120, bars.length * 26) }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
                  <XAxis type="number" tick={{ fontSize: 10, fill: "#64748b" }} />
                  <YAxis
                    type="category"
                    dataKey="name"
                    width={230}
                    tick={{ fontSize: 10, fill: "#334155" }}
                    interval={0}
                  />
                  <Tooltip />
                  <Bar dataKey="fires" name="fires" isAnimationActive={false} minPointSize={2}>
                    {bars.map((b) => (
                      <Cell key={b.name} fill={b.stale ? COLORS.staleBranches : COLORS.branches} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
          <table className="w-full text-left text-xs">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Branch</th>
                <th className="py-1 text-right font-medium">Total</th>
                <th className="py-1 text-right font-medium">Last fired</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.branches.map((b) => (
                <tr key={b.edgeId} data-testid="branch-row" data-stale={b.stale}>
                  <td className="py-1.5 pr-2 text-slate-700">
                    {branchName(b)}
                    {b.stale ? (
                      <span className="ml-1 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800">
                        stale {b.idleDays} d
                      </span>
                    ) : null}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{number(b.totalFires)}</td>
                  <td className="py-1.5 text-right">{day(b.lastFiredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Link
            href={`/journeys/${d.journey.id}?version=${d.version.id}`}
            className="inline-block text-sm font-medium text-brand-600 hover:text-brand-700"
          >
            Open on canvas →
          </Link>
        </div>
      ) : null}
    </aside>
  );
}
