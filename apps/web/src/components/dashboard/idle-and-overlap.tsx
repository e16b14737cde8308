"use client";

import { day, type Overview } from "./format";

/** Journeys with no entry for the stale period, and pairs of live journeys that enter on the same trigger. */
export function IdleAndOverlap({ overview, onOpen }: { overview: Overview; onOpen: (id: string) => void }) {
  const idle = overview.ranked.filter((r) => r.idle);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="idle-title">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="idle-title" className="text-sm font-semibold text-slate-900">
            Idle journeys <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs">{idle.length}</span>
          </h2>
          <p className="text-xs text-slate-500">
            Live, but no customer entered in the last {overview.staleAfterDays} days.
          </p>
        </div>
        <ul className="divide-y divide-slate-100" data-testid="idle-list">
          {idle.map((r) => (
            <li key={r.id} className="flex items-center justify-between px-4 py-2.5 text-sm">
              <button
                type="button"
                className="font-medium text-slate-900 hover:text-brand-700"
                onClick={() => onOpen(r.id)}
              >
                {r.name}
              </button>
              <span className="text-xs text-slate-500">
                last entry {day(r.lastEntryDay)} · live since {day(r.liveSince)}
              </span>
            </li>
          ))}
          {idle.length === 0 ? (
            <li className="px-4 py-4 text-sm text-slate-500">Every live journey had entries.</li>
          ) : null}
        </ul>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="overlap-title">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="overlap-title" className="text-sm font-semibold text-slate-900">
            Overlapping journeys{" "}
            <span className="ml-1 rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-800">
              {overview.overlaps.length}
            </span>
          </h2>
          <p className="text-xs text-slate-500">
            Live journeys with the same entry event or segment; customers in both over the last 30 days.
          </p>
        </div>
        <ul className="divide-y divide-slate-100" data-testid="overlap-list">
          {overview.overlaps.map((p) => (
            <li key={`${p.a.id}-${p.b.id}`} className="px-4 py-2.5 text-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium text-slate-900">
                  {p.a.name} <span className="text-slate-400">+</span> {p.b.name}
                </span>
                <span className="whitespace-nowrap text-sm font-semibold tabular-nums text-violet-700">
                  {p.customersInBoth.toLocaleString("en-GB")} in both
                </span>
              </div>
              <p className="text-xs text-slate-500">
                {p.sharedEntries
                  .map((k) => `${k.replace(/^event:/, "event “").replace(/^segment:/, "segment “")}”`)
                  .join(", ")}
              </p>
            </li>
          ))}
          {overview.overlaps.length === 0 ? (
            <li className="px-4 py-4 text-sm text-slate-500">No two live journeys share a trigger.</li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
