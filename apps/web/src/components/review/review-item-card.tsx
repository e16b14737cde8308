"use client";

import type { AppRouter } from "@northstar/api";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { slaState, slaText } from "~/lib/review/sla";
import { textOf } from "~/lib/review/text-of";
import { ReviewActions } from "./review-actions";
import { ScoreBar } from "~/components/decisions/score-bar";

export type ReviewItem = inferRouterOutputs<AppRouter>["review"]["list"][number];

const KIND_LABEL: Record<string, string> = {
  decision: "Unsure decision",
  deliverable: "Held message",
  step: "Review step",
};
const SLA_TONE = {
  ok: "text-slate-500",
  "due-soon": "text-amber-700",
  overdue: "font-semibold text-red-700",
} as const;

/** One customer waiting on a human: what was proposed, why it stopped, and (for reviewers) the verdict. */
export function ReviewItemCard({ item, canDecide }: { item: ReviewItem; canDecide: boolean }) {
  const sla = slaState(item.ageHours, item.slaHours);
  return (
    <li
      className={`px-5 py-4 ${sla === "overdue" ? "border-l-4 border-red-500 bg-red-50/40" : ""}`}
      data-testid="review-item"
      aria-label={`${KIND_LABEL[item.kind] ?? item.kind} in ${item.journey.name}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-900">
            <span className="mr-2 rounded-full bg-violet-100 px-2 py-0.5 text-[11px] font-semibold text-violet-800">
              {KIND_LABEL[item.kind] ?? item.kind}
            </span>
            <Link href={`/journeys/${item.journey.id}`} className="hover:underline">
              {item.journey.name}
            </Link>
            <span className="text-slate-400"> · {item.step.name}</span>
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            Customer{" "}
            <Link href={`/customers/${item.customer.id}`} className="font-medium text-slate-700 hover:underline">
              {item.customer.email ?? item.customer.externalId ?? item.customer.id}
            </Link>{" "}
            waits on this step
          </p>
        </div>
        <p className={`text-xs ${SLA_TONE[sla]}`} data-testid="review-sla" data-sla={sla}>
          {sla === "overdue" ? "Overdue: " : ""}
          {slaText(item.ageHours, item.slaHours)}
        </p>
      </div>

      <p className="mt-2 text-sm text-slate-700">{item.reason}</p>
      {item.blocks.length > 0 ? (
        <ul className="mt-2 space-y-1" aria-label="Guardrails that stopped it">
          {item.blocks.map((b) => (
            <li key={`${b.code}-${b.reason}`} className="text-xs text-red-800">
              <span className="mr-1.5 rounded bg-red-100 px-1.5 py-0.5 font-mono text-[10px] font-semibold">
                {b.code}
              </span>
              {b.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {item.rationale ? (
        <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
          <span className="font-semibold text-slate-700">Agent's rationale: </span>
          {item.rationale}
        </p>
      ) : null}

      {item.candidates.length > 0 ? (
        <table className="mt-3 w-full max-w-xl text-xs" aria-label="Proposed options">
          <tbody>
            {item.candidates.map((c) => (
              <tr key={c.edgeId}>
                <td className="w-40 py-1 pr-3">
                  <span className={c.edgeId === item.proposedOption?.edgeId ? "font-semibold text-slate-900" : ""}>
                    {c.label}
                  </span>
                  {c.edgeId === item.proposedOption?.edgeId ? (
                    <span className="ml-1 text-violet-700">proposed</span>
                  ) : null}
                </td>
                <td className="py-1">
                  <ScoreBar score={c.score} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {item.decision ? (
        <p className="mt-1 text-xs text-slate-500">
          {item.decision.policy} · {item.decision.explore ? "explore" : "exploit"} · confidence{" "}
          {Math.round(item.decision.confidence * 100)}%
        </p>
      ) : null}

      {item.deliverable ? (
        <section className="mt-3 rounded-lg border border-slate-200" aria-label="Held message">
          <p className="border-b border-slate-100 px-3 py-2 text-sm">
            <span className="text-xs uppercase tracking-wide text-slate-400">{item.deliverable.channel} · </span>
            <span className="font-medium">{item.deliverable.subject ?? "(no subject)"}</span>
          </p>
          <pre className="max-h-48 overflow-auto whitespace-pre-wrap px-3 py-2 font-sans text-xs text-slate-700">
            {textOf(item.deliverable.body)}
          </pre>
        </section>
      ) : null}

      {canDecide ? <ReviewActions item={item} /> : null}
    </li>
  );
}
