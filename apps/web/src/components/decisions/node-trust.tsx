"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const pts = (v: number | null) =>
  v === null ? "—" : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${(Math.round(Math.abs(v) * 1000) / 10).toFixed(1)} pts`;
const range = (low: number, high: number, format: (v: number) => string) => `${format(low)} to ${format(high)}`;
const reward = (v: number) => (Math.round(v * 1000) / 1000).toString();

/** Treated customers against the holdout for one agent node, overall and per week of entry. */
function HoldoutComparison({ journeyId, stepId }: { journeyId: string; stepId: string }) {
  const trpc = useTRPC();
  const uplift = useQuery(trpc.decisions.uplift.queryOptions({ journeyId, stepId }));
  if (uplift.error) return <p className="text-sm text-red-600">{uplift.error.message}</p>;
  if (!uplift.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { overall, weeks, objective } = uplift.data;
  return (
    <div>
      <p className="text-xs text-slate-500">
        Conversion: “{objective.event}” within {objective.windowDays} days of entering. 95% intervals.
      </p>
      {overall.holdoutCounts.customers === 0 ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="uplift-overall">
          Treated: {pct(overall.treated.rate)} of {overall.treatedCounts.customers.toLocaleString("en-US")}. No holdout
          customers yet: give the entry a holdout share to measure what the journey adds.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700" data-testid="uplift-overall">
          Treated {pct(overall.treated.rate)} ({range(overall.treated.low, overall.treated.high, pct)}) of{" "}
          {overall.treatedCounts.customers.toLocaleString("en-US")} · holdout {pct(overall.holdout.rate)} (
          {range(overall.holdout.low, overall.holdout.high, pct)}) of{" "}
          {overall.holdoutCounts.customers.toLocaleString("en-US")} ·{" "}
          <span className="font-semibold">lift {pts(overall.lift)}</span> ({range(overall.low, overall.high, pts)})
        </p>
      )}
      {weeks.length > 0 ? (
        <table className="mt-2 w-full text-xs" aria-label="Treated against holdout per week">
          <thead>
            <tr className="text-left uppercase tracking-wide text-slate-400">
              <th className="py-1 font-medium">Week of</th>
              <th className="py-1 pl-3 text-right font-medium">Treated</th>
              <th className="py-1 pl-3 text-right font-medium">Holdout</th>
              <th className="py-1 pl-3 text-right font-medium">Lift (95% interval)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {weeks.map((w) => (
              <tr key={w.week}>
                <td className="py-1">{w.week}</td>
                <td className="py-1 pl-3 text-right tabular-nums">
                  {pct(w.treated.rate)} <span className="text-slate-400">of {w.treatedCounts.customers}</span>
                </td>
                <td className="py-1 pl-3 text-right tabular-nums">
                  {pct(w.holdout.rate)} <span className="text-slate-400">of {w.holdoutCounts.customers}</span>
                </td>
                <td className="py-1 pl-3 text-right tabular-nums">
                  {w.lift === null ? "—" : `${pts(w.lift)} (${range(w.low, w.high, pts)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** What the node's logged decisions say each alternative would have earned. */
function OfflineEvaluation({ journeyId, stepId }: { journeyId: string; stepId: string }) {
  const trpc = useTRPC();
  const evaluation = useQuery(trpc.decisions.offlineEvaluation.queryOptions({ journeyId, stepId }));
  if (evaluation.error) return <p className="text-sm text-red-600">{evaluation.error.message}</p>;
  if (!evaluation.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { targets, decisions, skipped } = evaluation.data;
  if (decisions === 0)
    return (
      <p className="text-sm text-slate-500">
        No rewarded decision with a logged propensity yet: estimates appear once outcomes arrive.
      </p>
    );
  return (
    <div>
      <p className="text-xs text-slate-500">
        Mean reward per decision each alternative would have earned, estimated from {decisions.toLocaleString("en-US")}{" "}
        rewarded decisions and the probability with which each was chosen
        {skipped > 0 ? ` (${skipped} without a propensity left out)` : ""}. 95% intervals.
      </p>
      <table className="mt-2 w-full text-xs" aria-label="Alternatives evaluated offline">
        <thead>
          <tr className="text-left uppercase tracking-wide text-slate-400">
            <th className="py-1 font-medium">Alternative</th>
            <th className="py-1 pl-3 text-right font-medium" title="Self-normalised inverse propensity scoring">
              SNIPS
            </th>
            <th className="py-1 pl-3 text-right font-medium" title="Doubly robust">
              Doubly robust
            </th>
            <th className="py-1 pl-3 text-right font-medium" title="How many decisions the weighted sample is worth">
              Effective n
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {targets.map((t) => (
            <tr key={t.target}>
              <td className="py-1">{t.target}</td>
              {[t.snips, t.dr].map((e, i) => (
                <td key={i === 0 ? "snips" : "dr"} className="py-1 pl-3 text-right tabular-nums">
                  {e.value === null ? "—" : reward(e.value)}{" "}
                  <span className="text-slate-400">({range(e.low, e.high, reward)})</span>
                </td>
              ))}
              <td className="py-1 pl-3 text-right tabular-nums">{Math.round(t.effectiveSampleSize)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The figures a manager needs to trust an agent node: lift over the holdout, and its alternatives offline. */
export function NodeTrust({ journeyId, stepId }: { journeyId: string; stepId: string }) {
  return (
    <div className="grid gap-6 border-t border-slate-100 p-5 xl:grid-cols-2">
      <section aria-label="Treated against holdout">
        <h3 className="mb-1 text-sm font-semibold">Treated against holdout</h3>
        <HoldoutComparison journeyId={journeyId} stepId={stepId} />
      </section>
      <section aria-label="Offline evaluation">
        <h3 className="mb-1 text-sm font-semibold">Alternatives, evaluated offline</h3>
        <OfflineEvaluation journeyId={journeyId} stepId={stepId} />
      </section>
    </div>
  );
}
