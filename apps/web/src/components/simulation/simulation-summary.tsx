"use client";

import { formatShare, type SimulationView, useSimulationOverlay } from "~/lib/simulation/overlay-store";

type Metric = { label: string; value: (v: SimulationView) => number | null; format: (n: number) => string };

const results = (v: SimulationView) => v.results;
const METRICS: Metric[] = [
  { label: "Customers", value: (v) => results(v)?.customers ?? null, format: (n) => n.toLocaleString("en-US") },
  {
    label: "Messages per customer",
    value: (v) => results(v)?.messages.perCustomer.mean ?? null,
    format: (n) => n.toFixed(2),
  },
  {
    label: "Messages avoided (send nothing)",
    value: (v) => results(v)?.messages.avoided ?? null,
    format: (n) => n.toLocaleString("en-US"),
  },
  {
    label: "Waiting in review",
    value: (v) => results(v)?.review.customers ?? null,
    format: (n) => n.toLocaleString("en-US"),
  },
  {
    label: "Still waiting at the horizon",
    value: (v) => results(v)?.waiting.customers ?? null,
    format: (n) => n.toLocaleString("en-US"),
  },
  {
    label: "Conversions per 1,000",
    value: (v) => results(v)?.objective.all.perThousand ?? null,
    format: (n) => n.toFixed(1),
  },
];

const signed = (n: number, format: (n: number) => string) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${format(Math.abs(n))}`;

/** The summary of a finished simulation, each figure with its change since the previous run of the journey. */
export function SimulationSummary({ current, previous }: { current: SimulationView; previous: SimulationView | null }) {
  const visible = useSimulationOverlay((s) => s.visible);
  const setVisible = useSimulationOverlay((s) => s.setVisible);
  const r = current.results;
  if (!r) return null;
  const blocks = Object.entries(r.blocks).sort((a, b) => b[1].total - a[1].total);
  const objective = r.objective.all;
  return (
    <aside
      className="fixed bottom-4 left-60 z-20 w-80 rounded-xl border border-sky-200 bg-white/95 p-3 text-xs shadow-lg"
      data-testid="simulation-summary"
      aria-label="Simulation summary"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">Simulation</h2>
        <label className="flex items-center gap-1 text-slate-600">
          <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
          Show on canvas
        </label>
      </div>
      <p className="mt-0.5 text-slate-500">
        {current.settings.population.kind === "sample" ? "Sample of customers" : "Synthetic mix"}, {r.horizonDays} days,
        seed {r.seed}.{" "}
        <span className="inline-flex items-center gap-1">
          <span className="inline-block h-2.5 w-4 rounded-full border border-dashed border-sky-400 bg-sky-50" />
          simulated customers
        </span>
      </p>
      {(r.findings ?? []).length > 0 ? (
        <ul className="mt-2 space-y-1 rounded-md bg-amber-50 p-2 text-amber-900" aria-label="What to know">
          {(r.findings ?? []).map((finding) => (
            <li key={finding} data-testid="simulation-finding">
              {finding}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="mt-2 w-full">
        <tbody>
          {METRICS.map((m) => {
            const now = m.value(current);
            const before = previous ? m.value(previous) : null;
            return (
              <tr key={m.label} className="border-t border-slate-100">
                <td className="py-1 text-slate-600">{m.label}</td>
                <td className="py-1 text-right font-semibold text-slate-900">{now === null ? "–" : m.format(now)}</td>
                <td className="w-16 py-1 text-right text-slate-500" title="Change since the previous simulation">
                  {now !== null && before !== null ? signed(now - before, m.format) : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-1 text-slate-600" data-testid="simulation-objective">
        Objective: {objective.conversions.toLocaleString("en-US")} conversions ({objective.perThousand.toFixed(1)} per
        1,000, 95% interval {objective.interval.low.toFixed(1)}–{objective.interval.high.toFixed(1)})
        {r.holdout > 0
          ? `; treated ${r.objective.treatment.perThousand.toFixed(1)} vs holdout ${r.objective.holdout.perThousand.toFixed(1)}`
          : ""}
        .
      </p>
      <h3 className="mt-2 font-semibold text-slate-700">Guardrail blocks</h3>
      {blocks.length === 0 ? (
        <p className="text-slate-500">None.</p>
      ) : (
        <ul className="mt-0.5 space-y-0.5">
          {blocks.map(([code, count]) => {
            const before = previous?.results?.blocks[code]?.total;
            return (
              <li key={code} className="flex justify-between gap-2">
                <span className="font-mono text-[11px] text-slate-700">{code}</span>
                <span className="text-slate-900">
                  {count.total.toLocaleString("en-US")}
                  <span className="text-slate-500">
                    {count.delayed > 0 ? ` (${count.delayed} delayed)` : ""}
                    {before !== undefined ? ` ${signed(count.total - before, String)}` : ""}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {r.messages.perCustomer.histogram ? (
        <p className="mt-2 text-slate-500">
          Messages per customer:{" "}
          {Object.entries(r.messages.perCustomer.histogram)
            .map(([k, n]) => `${k}: ${formatShare(n / Math.max(1, r.customers))}`)
            .join(", ")}
        </p>
      ) : null}
    </aside>
  );
}
