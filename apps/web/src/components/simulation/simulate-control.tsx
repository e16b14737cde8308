"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSimulationOverlay } from "~/lib/simulation/overlay-store";
import { useTRPC } from "~/trpc/react";
import { SimulationSummary } from "./simulation-summary";

const OPEN = ["QUEUED", "RUNNING"];
const input =
  "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none";

/**
 * "Simulate": choose a population and a horizon, run in the background with a progress bar (cancellable), then
 * draw the volumes over the canvas with a summary compared to the previous run.
 */
export function SimulateControl(props: { journeyId: string; versionId: string; flush: () => Promise<unknown> }) {
  const { journeyId, versionId, flush } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<"sample" | "synthetic">("synthetic");
  const [size, setSize] = useState(10_000);
  const [horizonDays, setHorizonDays] = useState(14);
  const latest = useQuery({
    ...trpc.simulation.latest.queryOptions({ journeyId }),
    refetchInterval: (q) => (q.state.data?.latest && OPEN.includes(q.state.data.latest.status) ? 700 : false),
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.simulation.latest.queryKey({ journeyId }) });
  const start = useMutation(trpc.simulation.start.mutationOptions({ onSuccess: () => void invalidate() }));
  const cancel = useMutation(trpc.simulation.cancel.mutationOptions({ onSuccess: () => void invalidate() }));
  const show = useSimulationOverlay((s) => s.show);
  const clear = useSimulationOverlay((s) => s.clear);
  const run = latest.data?.latest ?? null;
  const running = run !== null && OPEN.includes(run.status);

  useEffect(() => {
    if (run?.status === "DONE" && run.results && run.versionId === versionId) show(run.results, versionId);
    else if (run?.versionId !== versionId) clear();
  }, [run, versionId, show, clear]);

  const submit = async () => {
    await flush();
    start.mutate({ journeyId, versionId, population: { kind, size }, horizonDays });
    setOpen(false);
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={running}
        className="rounded-md border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-100 disabled:opacity-50"
        title="Predict volumes, guardrail hits and the objective on a population before publishing"
      >
        ◌ Simulate
      </button>
      {open ? (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30" role="presentation">
          <div role="dialog" aria-label="Simulate this journey" className="w-96 rounded-xl bg-white p-5 shadow-xl">
            <h2 className="text-base font-semibold text-slate-900">Simulate this journey</h2>
            <p className="mt-1 text-xs text-slate-500">
              Runs this version on a virtual clock with the runtime&apos;s step logic. Nothing is sent and nothing live
              is changed.
            </p>
            <label className="mt-4 block text-sm font-medium text-slate-700">
              Population
              <select className={input} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="synthetic">Synthetic profile mix</option>
                <option value="sample">Sample of this workspace&apos;s customers</option>
              </select>
            </label>
            <label className="mt-3 block text-sm font-medium text-slate-700">
              Customers (up to 100,000)
              <input
                className={input}
                type="number"
                min={1}
                max={100_000}
                value={size}
                onChange={(e) => setSize(Number(e.target.value))}
              />
            </label>
            <label className="mt-3 block text-sm font-medium text-slate-700">
              Horizon (days)
              <input
                className={input}
                type="number"
                min={1}
                max={365}
                value={horizonDays}
                onChange={(e) => setHorizonDays(Number(e.target.value))}
              />
            </label>
            <div className="mt-5 flex justify-end gap-2">
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
              >
                Close
              </button>
              <button
                type="button"
                onClick={() => void submit()}
                className="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700"
              >
                Run simulation
              </button>
            </div>
          </div>
        </div>
      ) : null}
      {start.error ? (
        <p className="fixed top-16 right-4 z-40 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          Simulation refused: {start.error.message}
        </p>
      ) : null}
      {running && run ? (
        <div
          className="fixed top-16 left-1/2 z-40 flex w-96 -translate-x-1/2 items-center gap-3 rounded-lg border border-sky-200 bg-white px-4 py-2 shadow-lg"
          data-testid="simulation-progress"
        >
          <div className="min-w-0 flex-1">
            <p className="text-xs font-medium text-slate-700">
              Simulating… {Math.round(run.progress * 100)}%{run.status === "QUEUED" ? " (queued)" : ""}
            </p>
            <div
              className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-valuenow={Math.round(run.progress * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label="Simulation progress"
            >
              <div className="h-full bg-sky-500 transition-all" style={{ width: `${run.progress * 100}%` }} />
            </div>
          </div>
          <button
            type="button"
            onClick={() => cancel.mutate({ id: run.id })}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
          >
            Cancel
          </button>
        </div>
      ) : null}
      {run && (run.status === "FAILED" || run.status === "CANCELLED") && run.versionId === versionId ? (
        <p className="fixed top-16 right-4 z-40 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          Last simulation {run.status === "FAILED" ? `failed: ${run.error}` : "was cancelled"}.
        </p>
      ) : null}
      {run?.status === "DONE" && run.versionId === versionId ? (
        <SimulationSummary current={run} previous={latest.data?.previous ?? null} />
      ) : null}
    </>
  );
}
