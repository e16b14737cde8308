"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { chartRows, shares } from "~/lib/decisions/node-series";
import { useTRPC } from "~/trpc/react";
import { NodeDecisionsChart } from "./node-decisions-chart";

/** The selected agent node's last two weeks in the canvas inspector, with the way to the full view. */
export function AgentNodeDecisions({ stepId }: { stepId: string }) {
  const trpc = useTRPC();
  const { journeyId } = useParams<{ journeyId: string }>();
  const stats = useQuery(trpc.decisions.nodeStats.queryOptions({ journeyId, stepId, days: 14 }));
  const options = stats.data ? shares(stats.data.options) : [];
  const total = options.reduce((n, o) => n + o.chosen, 0);
  return (
    <section className="space-y-2 border-t border-slate-100 pt-3" aria-label="Decisions of this node">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Decisions, 14 days</h3>
        <Link
          href={`/journeys/${journeyId}/decisions?step=${encodeURIComponent(stepId)}`}
          className="text-xs font-medium text-brand-700 hover:underline"
        >
          Open decisions
        </Link>
      </div>
      {!stats.data ? (
        <p className="text-xs text-slate-500">{stats.error ? stats.error.message : "Loading…"}</p>
      ) : total === 0 ? (
        <p className="text-xs text-slate-500">No decisions yet: they appear once the journey is live.</p>
      ) : (
        <>
          <NodeDecisionsChart options={options} rows={chartRows(options, stats.data.series)} compact />
          <ul className="space-y-0.5 text-xs text-slate-600">
            {options.map((o) => (
              <li key={o.edgeId} className="flex justify-between">
                <span>{o.label}</span>
                <span className="tabular-nums">
                  {o.chosen} · {Math.round(o.share * 100)}%
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
