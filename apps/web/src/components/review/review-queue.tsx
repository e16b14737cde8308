"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { inputClass } from "~/components/form-fields";
import { useTRPC } from "~/trpc/react";
import { type ReviewItem, ReviewItemCard } from "./review-item-card";

const KINDS = [
  { value: "", label: "All kinds" },
  { value: "decision", label: "Unsure decisions" },
  { value: "deliverable", label: "Held messages" },
  { value: "step", label: "Review steps" },
] as const;
type KindFilter = (typeof KINDS)[number]["value"];

/** Customers waiting on a human, oldest first; managers and admins decide, marketers watch. */
export function ReviewQueue({ initial, canDecide }: { initial: ReviewItem[]; canDecide: boolean }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<KindFilter>("");
  const input = { status: "PENDING" as const, ...(kind ? { kind } : {}) };
  const items = useQuery({
    ...trpc.review.list.queryOptions(input),
    initialData: kind === "" ? initial : undefined,
    refetchInterval: 15_000,
  });
  const list = items.data ?? [];
  const overdue = list.filter((i) => i.ageHours >= i.slaHours).length;
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="waiting-title">
      <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3">
        <h2 id="waiting-title" className="text-sm font-semibold">
          Customers waiting <span className="ml-1 text-slate-400">{list.length}</span>
          {overdue > 0 ? (
            <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-[11px] font-semibold text-red-700">
              {overdue} overdue
            </span>
          ) : null}
        </h2>
        <label className="flex items-center gap-2 text-xs text-slate-500">
          Show
          <select
            className={`${inputClass} w-44`}
            value={kind}
            onChange={(e) => setKind(e.target.value as KindFilter)}
            aria-label="Kind of review"
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!canDecide ? (
        <p className="border-b border-slate-100 bg-slate-50 px-5 py-2 text-xs text-slate-500">
          Read-only: a manager or an admin approves or rejects.
        </p>
      ) : null}
      {items.isLoading ? (
        <p className="px-5 py-10 text-center text-sm text-slate-500">Loading…</p>
      ) : list.length === 0 ? (
        <p className="px-5 py-10 text-center text-sm text-slate-500">No customer is waiting for a review.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Pending reviews">
          {list.map((item) => (
            <ReviewItemCard key={item.id} item={item} canDecide={canDecide} />
          ))}
        </ul>
      )}
    </section>
  );
}
