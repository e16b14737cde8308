"use client";

import Link from "next/link";
import { branchName, day, type Filters, number, type StaleBranchRow } from "./format";

/** The stale list: longest idle first, each with the way to see it on the canvas and to prune it. */
export function StaleBranchesTable({
  rows,
  filters,
  total,
  staleAfterDays,
  onPrune,
}: {
  rows: StaleBranchRow[];
  /** All stale branches matching the filters; the table shows the longest idle `rows`. */
  total: number;
  filters: Filters;
  staleAfterDays: number;
  onPrune: (row: StaleBranchRow) => void;
}) {
  const csv = new URLSearchParams(Object.entries(filters).filter(([, v]) => !!v) as [string, string][]);
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="stale-title">
      <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="stale-title" className="text-sm font-semibold text-slate-900">
            Stale branches{" "}
            <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{total}</span>
          </h2>
          <p className="text-xs text-slate-500">
            Branches of live journeys that have not fired for {staleAfterDays} days while the journey was live that
            long.
          </p>
        </div>
        <a
          href={`/api/dashboard/stale-branches?${csv.toString()}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          download
        >
          Export CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="p-6 text-sm text-slate-500">
          No stale branches: every branch of every live journey fired recently.
        </p>
      ) : (
        <div className="max-h-[26rem] overflow-auto">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wider text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Journey</th>
                <th className="px-4 py-2 font-medium">Branch</th>
                <th className="px-4 py-2 font-medium">Last fired</th>
                <th className="px-4 py-2 text-right font-medium">Total fires</th>
                <th className="px-4 py-2 text-right font-medium">Idle</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={`${row.journeyId}:${row.edgeId}`} data-testid="stale-row" data-edge-id={row.edgeId}>
                  <td className="px-4 py-2.5">
                    <p className="font-medium text-slate-900">{row.journeyName}</p>
                    <p className="text-xs text-slate-500">
                      {row.owner.name} · v{row.versionNumber}
                    </p>
                  </td>
                  <td className="max-w-xs px-4 py-2.5 text-slate-700">{branchName(row)}</td>
                  <td className="px-4 py-2.5 text-slate-700">
                    {row.neverFired ? <span className="text-red-600">never</span> : day(row.lastFiredAt)}
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{number(row.totalFires)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums font-medium text-amber-700">{row.idleDays} d</td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-right">
                    <Link
                      href={`/journeys/${row.journeyId}?version=${row.versionId}`}
                      className="mr-3 text-sm font-medium text-brand-600 hover:text-brand-700"
                    >
                      Open on canvas
                    </Link>
                    <button
                      type="button"
                      onClick={() => onPrune(row)}
                      className="rounded-md bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700"
                    >
                      Prune…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
