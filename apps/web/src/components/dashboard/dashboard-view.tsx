"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import type { Filters, StaleBranchRow } from "./format";
import { IdleAndOverlap } from "./idle-and-overlap";
import { JourneyDrilldown } from "./journey-drilldown";
import { PressureChart } from "./pressure-chart";
import { PruneDialog } from "./prune-dialog";
import { RankedJourneys } from "./ranked-journeys";
import { StaleBranchesTable } from "./stale-branches-table";
import { TotalsCards } from "./totals-cards";
import { TrendChart } from "./trend-chart";

const STATUSES = ["LIVE", "PAUSED", "DRAFT", "ARCHIVED"] as const;
const select = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";

/** The bloat audit: filters on top, then totals and trend, stale branches, the ranking, idle/overlap, pressure. */
export function DashboardView() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<Filters>({});
  const [pruning, setPruning] = useState<StaleBranchRow | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const overview = useQuery(trpc.dashboard.overview.queryOptions(filters));
  const stale = useQuery(trpc.dashboard.staleBranches.queryOptions(filters));
  const pressure = useQuery(trpc.dashboard.pressure.queryOptions(filters));
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const o = overview.data;
  return (
    <div className="space-y-5 p-8">
      <fieldset className="flex flex-wrap items-center gap-2" aria-label="Filters">
        <select
          className={select}
          aria-label="Owner"
          value={filters.ownerId ?? ""}
          onChange={(e) => set({ ownerId: e.target.value || undefined })}
        >
          <option value="">All owners</option>
          {o?.filters.owners.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <select
          className={select}
          aria-label="Tag"
          value={filters.tag ?? ""}
          onChange={(e) => set({ tag: e.target.value || undefined })}
        >
          <option value="">All tags</option>
          {o?.filters.tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          className={select}
          aria-label="Status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: (e.target.value || undefined) as Filters["status"] })}
        >
          <option value="">All but archived</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
        {o ? (
          <span className="ml-auto text-xs text-slate-500">
            Stale after {o.staleAfterDays} days (admin setting) · trends cover the whole workspace
          </span>
        ) : null}
      </fieldset>
      {overview.error ? <p className="text-sm text-red-600">{overview.error.message}</p> : null}
      {overview.isLoading ? <p className="text-sm text-slate-500">Auditing the journeys…</p> : null}
      {o ? (
        <>
          <TotalsCards overview={o} />
          <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="trend-title">
            <h2 id="trend-title" className="text-sm font-semibold text-slate-900">
              Trend, last 180 days
            </h2>
            <TrendChart trend={o.trend} />
          </section>
        </>
      ) : null}
      {stale.data && o ? (
        <StaleBranchesTable
          rows={stale.data}
          total={o.totals.staleBranches}
          filters={filters}
          staleAfterDays={o.staleAfterDays}
          onPrune={setPruning}
        />
      ) : null}
      {stale.error ? <p className="text-sm text-red-600">{stale.error.message}</p> : null}
      {o ? (
        <>
          <RankedJourneys ranked={o.ranked} onOpen={setOpen} />
          <IdleAndOverlap overview={o} onOpen={setOpen} />
        </>
      ) : null}
      {pressure.data ? <PressureChart pressure={pressure.data} /> : null}
      {pruning ? <PruneDialog row={pruning} onClose={() => setPruning(null)} /> : null}
      {open ? <JourneyDrilldown journeyId={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
