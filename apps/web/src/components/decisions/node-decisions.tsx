"use client";

import { DECISION_PHASE_LABELS, DECISION_PHASES, type DecisionPhase } from "@northstar/journey";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass } from "~/components/form-fields";
import { chartRows, shares } from "~/lib/decisions/node-series";
import { useTRPC } from "~/trpc/react";
import { NodeDecisionsChart, OPTION_COLORS } from "./node-decisions-chart";
import { NodeTrust } from "./node-trust";

const PERIODS = [7, 30, 90] as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** How the period's decisions stood against the node's minimum confidence, and the messages the agent avoided. */
function DecisionSummary({
  phases,
  total,
  messagesAvoided,
}: {
  phases: Partial<Record<DecisionPhase, number>>;
  total: number;
  messagesAvoided: number;
}) {
  if (total === 0) return null;
  const parts = DECISION_PHASES.filter((p) => (phases[p] ?? 0) > 0).map(
    (p) => `${DECISION_PHASE_LABELS[p]} ${pct((phases[p] ?? 0) / total)}`,
  );
  return (
    <p className="mb-3 text-xs text-slate-600" data-testid="decision-summary">
      {parts.join(" · ")}
      {messagesAvoided > 0 ? (
        <span className="ml-2 font-medium text-emerald-700">
          {messagesAvoided.toLocaleString("en-US")} message{messagesAvoided === 1 ? "" : "s"} avoided
        </span>
      ) : null}
    </p>
  );
}

/** One agent node's option shares and outcomes over time, with the totals per option. */
export function NodeDecisions({
  journeyId,
  agents,
  initialStepId,
}: {
  journeyId: string;
  agents: { id: string; name: string }[];
  initialStepId: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [stepId, setStepId] = useState(initialStepId);
  const [days, setDays] = useState<number>(30);
  const stats = useQuery(trpc.decisions.nodeStats.queryOptions({ journeyId, stepId, days }));
  const options = stats.data ? shares(stats.data.options) : [];
  const total = options.reduce((n, o) => n + o.chosen, 0);
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Agent node decisions">
      <div className="flex flex-wrap items-end justify-between gap-4 border-b border-slate-100 px-5 py-3">
        <h2 className="text-sm font-semibold">
          {stats.data?.stepName ?? agents.find((a) => a.id === stepId)?.name}
          <span className="ml-2 font-normal text-slate-500">
            {total} decision{total === 1 ? "" : "s"} in {days} days
          </span>
        </h2>
        <div className="flex gap-2">
          <label className="text-xs text-slate-500">
            Agent node
            <select
              className={`${inputClass} mt-1 w-56`}
              value={stepId}
              onChange={(e) => {
                setStepId(e.target.value);
                router.replace(`${pathname}?step=${encodeURIComponent(e.target.value)}`, { scroll: false });
              }}
            >
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-500">
            Period
            <select
              className={`${inputClass} mt-1 w-32`}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            >
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {p} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {stats.error ? (
        <p role="alert" className="px-5 py-6 text-sm text-red-600">
          {stats.error.message}
        </p>
      ) : !stats.data ? (
        <p className="px-5 py-10 text-center text-sm text-slate-500">Loading…</p>
      ) : (
        <div className="grid gap-6 p-5 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div>
            <p className="mb-2 text-xs text-slate-500">
              Bars: each option's share of the day's decisions. Line: the day's reward per decision so far (decisions
              whose attribution window is still open count 0 until credited).
            </p>
            <DecisionSummary phases={stats.data.phases} total={total} messagesAvoided={stats.data.messagesAvoided} />
            <NodeDecisionsChart options={options} rows={chartRows(options, stats.data.series)} />
          </div>
          <table className="h-fit w-full text-sm" aria-label="Options over the period">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-400">
                <th className="py-1.5 font-medium">Option</th>
                <th className="py-1.5 pl-3 text-right font-medium">Chosen</th>
                <th className="py-1.5 pl-3 text-right font-medium">Share</th>
                <th
                  className="py-1.5 pl-3 text-right font-medium"
                  title="Reward per decision so far; decisions whose window is still open count 0 until credited"
                >
                  Reward so far
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {options.map((o, i) => (
                <tr key={o.edgeId}>
                  <td className="py-2">
                    <span
                      className="mr-2 inline-block h-2.5 w-2.5 rounded-sm align-middle"
                      style={{ background: OPTION_COLORS[i % OPTION_COLORS.length] }}
                      aria-hidden="true"
                    />
                    {o.label}
                    {o.silent ? (
                      <span
                        className="ml-2 whitespace-nowrap rounded-full bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600"
                        title="No message follows this option: choosing it avoids a message"
                      >
                        sends nothing
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pl-3 text-right tabular-nums">{o.chosen}</td>
                  <td className="py-2 pl-3 text-right tabular-nums">{pct(o.share)}</td>
                  <td className="py-2 pl-3 text-right tabular-nums">
                    {o.rewardPerDecision === null ? "—" : (Math.round(o.rewardPerDecision * 100) / 100).toString()}
                    {o.open > 0 ? <span className="ml-1 text-xs text-slate-400">({o.open} open)</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {stats.data ? <NodeTrust journeyId={journeyId} stepId={stepId} /> : null}
    </section>
  );
}
