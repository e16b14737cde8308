"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "~/components/page-header";
import { useTRPC } from "~/trpc/react";
import { NewJourneyDialog } from "./new-journey-dialog";

export interface ObjectiveOption {
  id: string;
  name: string;
  description: string;
}

const STATUSES = ["DRAFT", "LIVE", "PAUSED", "ARCHIVED"] as const;
const STATUS_CHIP: Record<string, string> = {
  DRAFT: "bg-sky-50 text-sky-700 ring-sky-200",
  LIVE: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  PAUSED: "bg-amber-50 text-amber-700 ring-amber-200",
  ARCHIVED: "bg-slate-100 text-slate-500 ring-slate-200",
};

/** Every journey with its status, objective, owner and last change, filtered on the server. */
export function JourneyList({ objectives }: { objectives: ObjectiveOption[] }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | "">("");
  const [objectiveId, setObjectiveId] = useState("");
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const journeys = useQuery(
    trpc.journey.list.queryOptions({
      status: status || undefined,
      objectiveId: objectiveId || undefined,
      search: search.trim() || undefined,
    }),
  );
  const select = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm";
  return (
    <>
      <PageHeader
        title="Journeys"
        description="Every journey starts from the objective it must move."
        actions={
          <button
            type="button"
            onClick={() => setCreating(true)}
            className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
          >
            New journey
          </button>
        }
      />
      <div className="space-y-4 p-8">
        <div className="flex flex-wrap items-center gap-2">
          <input
            type="search"
            placeholder="Search by name"
            maxLength={120}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className={`${select} w-64`}
            aria-label="Search journeys"
          />
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            className={select}
            aria-label="Status"
          >
            <option value="">All active statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
          <select
            value={objectiveId}
            onChange={(e) => setObjectiveId(e.target.value)}
            className={select}
            aria-label="Objective"
          >
            <option value="">All objectives</option>
            {objectives.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wider text-slate-500">
              <tr>
                <th className="px-4 py-2.5 font-medium">Journey</th>
                <th className="px-4 py-2.5 font-medium">Status</th>
                <th className="px-4 py-2.5 font-medium">Objective</th>
                <th className="px-4 py-2.5 font-medium">Owner</th>
                <th className="px-4 py-2.5 font-medium">Updated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {journeys.data?.map((j) => (
                <tr key={j.id} className="hover:bg-slate-50" data-testid="journey-row">
                  <td className="px-4 py-3">
                    <Link href={`/journeys/${j.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {j.name}
                    </Link>
                    {j.description ? <p className="max-w-md truncate text-xs text-slate-500">{j.description}</p> : null}
                  </td>
                  <td className="px-4 py-3">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_CHIP[j.status] ?? ""}`}
                    >
                      {j.status.toLowerCase()}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{j.objective.name}</td>
                  <td className="px-4 py-3 text-slate-700">{j.owner.name}</td>
                  <td className="px-4 py-3 text-slate-500">{new Date(j.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {journeys.isLoading ? <p className="p-6 text-sm text-slate-500">Loading…</p> : null}
          {journeys.data?.length === 0 ? (
            <div className="p-10 text-center">
              <p className="text-sm font-medium text-slate-800">No journeys match.</p>
              <p className="mt-1 text-sm text-slate-500">
                Start one from an objective: pick what it must move, then a starter or a blank canvas.
              </p>
            </div>
          ) : null}
          {journeys.error ? <p className="p-6 text-sm text-red-600">{journeys.error.message}</p> : null}
        </div>
      </div>
      {creating ? <NewJourneyDialog objectives={objectives} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
