"use client";

import type { Guardrails } from "@northstar/journey";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/**
 * "Preview impact": every live journey run on a sample of customers under the current and the proposed guardrails;
 * per journey, the sends and the blocks by reason under each. Nothing is saved or sent.
 */
export function GuardrailImpactPreview({ propose }: { propose: () => Guardrails | null }) {
  const trpc = useTRPC();
  const preview = useMutation(trpc.simulation.guardrailDryRun.mutationOptions());
  const rows = preview.data ?? [];
  return (
    <section className="grid gap-2" aria-label="Guardrail impact preview">
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="rounded-md border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-100 disabled:opacity-50"
          disabled={preview.isPending}
          onClick={() => {
            const proposed = propose();
            if (proposed) preview.mutate({ proposed });
          }}
        >
          {preview.isPending ? "Simulating live journeys…" : "Preview impact"}
        </button>
        <span className="text-xs text-slate-500">
          Runs each live journey on a sample of 1,000 customers for 7 days under both settings.
        </span>
      </div>
      {preview.error ? <p className="text-sm text-red-600">{preview.error.message}</p> : null}
      {preview.isSuccess && rows.length === 0 ? <p className="text-sm text-slate-500">No live journeys.</p> : null}
      {rows.length > 0 ? (
        <table className="w-full text-sm" data-testid="guardrail-impact">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              <th className="py-1">Journey</th>
              <th className="py-1 text-right">Sends now → proposed</th>
              <th className="py-1">Blocks by reason (now → proposed)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.journeyId} className="border-b border-slate-100 align-top">
                <td className="py-1.5 font-medium text-slate-800">{row.journeyName}</td>
                <td className="py-1.5 text-right tabular-nums">
                  {row.sends.current} → <strong>{row.sends.proposed}</strong>
                </td>
                <td className="py-1.5">
                  {Object.entries(row.blocked).map(([code, n]) => (
                    <span
                      key={code}
                      className={`mr-2 inline-block font-mono text-xs ${n.proposed > n.current ? "text-red-700" : n.proposed < n.current ? "text-emerald-700" : "text-slate-600"}`}
                    >
                      {code} {n.current} → {n.proposed}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
