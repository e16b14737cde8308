"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useInvalidateJourneyLifecycle, useTRPC } from "~/trpc/react";
import { branchName, day, type PruneTarget } from "./format";

/**
 * Prune in two steps: the preview (what goes, who is inside, does it still compile), then a new draft awaiting
 * approval. Under the four-eyes rule (the default) another manager or admin approves it from the review queue;
 * with the rule off the manager may approve it here. Until then the live version keeps running. The dashboard and
 * the canvas both open it.
 */
export function PruneDialog({ row, onClose }: { row: PruneTarget; onClose: (published: boolean) => void }) {
  const trpc = useTRPC();
  const invalidateLifecycle = useInvalidateJourneyLifecycle();
  const prune = useMutation(trpc.dashboard.prune.mutationOptions());
  // Once the draft exists the preview is history: publishing removes the branch, and a refetch would then fail.
  const preview = useQuery({
    ...trpc.dashboard.previewPrune.queryOptions({ journeyId: row.journeyId, edgeId: row.edgeId }),
    enabled: !prune.data,
  });
  const approve = useMutation(trpc.publication.approve.mutationOptions({ onSuccess: () => invalidateLifecycle() }));
  const settings = useQuery(trpc.workspace.settings.queryOptions());
  const fourEyes = settings.data?.fourEyes ?? true;
  const p = preview.data;
  const result = prune.data;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="prune-title"
        className="max-h-[90vh] w-full max-w-2xl overflow-auto rounded-xl bg-white shadow-xl"
      >
        <div className="border-b border-slate-200 px-6 py-4">
          <h2 id="prune-title" className="text-base font-semibold text-slate-900">
            Prune “{branchName(row)}”
          </h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {row.journeyName} · idle {row.idleDays} days · last fired {day(row.lastFiredAt)}
          </p>
        </div>
        <div className="space-y-4 px-6 py-4 text-sm">
          {preview.isLoading ? <p className="text-slate-500">Working out what the prune removes…</p> : null}
          {preview.error ? <p className="text-red-600">{preview.error.message}</p> : null}
          {p ? (
            <>
              <div data-testid="prune-diff">
                <h3 className="font-medium text-slate-900">Removed from v{p.fromVersion.number}, in a new draft</h3>
                <ul className="mt-1 space-y-1">
                  {p.removedEdges.map((e) => (
                    <li key={e.id} className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800">
                      − branch {e.label ? `“${e.label}” ` : ""}
                      {e.from} → {e.to}
                    </li>
                  ))}
                  {p.removedNodes.map((n) => (
                    <li key={n.id} className="rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800">
                      − {n.kind} node “{n.name ?? n.id}” (reached only through this branch)
                    </li>
                  ))}
                </ul>
                {p.removedNodes.length === 0 ? (
                  <p className="mt-1 text-xs text-slate-500">
                    Every node it leads to is reached another way and stays.
                  </p>
                ) : null}
              </div>
              <div data-testid="prune-customers">
                <h3 className="font-medium text-slate-900">Customers inside the removed nodes: {p.customersInside}</h3>
                <p className="text-xs text-slate-500">
                  They finish on v{p.fromVersion.number}, the version they entered; new customers follow the pruned
                  version once it is published.
                </p>
                {p.customersSample.length ? (
                  <ul className="mt-1 text-xs text-slate-600">
                    {p.customersSample.map((c) => (
                      <li key={`${c.customer}-${c.nodeId}`}>
                        {c.customer} · {c.state.toLowerCase()} in {c.nodeId} since {day(c.enteredAt)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
              {p.errors.length ? (
                <div className="rounded-md bg-amber-50 p-3 text-amber-900">
                  <p className="font-medium">
                    The pruned journey would not compile; the draft is created for fixing on the canvas.
                  </p>
                  <ul className="mt-1 list-disc pl-5 text-xs">
                    {p.errors.map((e) => (
                      <li key={`${e.code}-${e.message}`}>{e.message}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {p.openDraft ? (
                <p className="rounded-md bg-amber-50 p-3 text-amber-900">
                  Draft v{p.openDraft.number} is open with unpublished edits: prune it on the canvas instead.
                </p>
              ) : null}
            </>
          ) : null}
          {prune.error ? <p className="text-red-600">{prune.error.message}</p> : null}
          {result ? (
            <div className="rounded-md bg-emerald-50 p-3 text-emerald-900" data-testid="prune-result">
              Draft v{result.draft.number} created
              {result.publicationRequestId ? " and submitted for approval." : "."}{" "}
              <Link
                href={`/journeys/${result.draft.journeyId}?version=${result.draft.id}`}
                className="font-medium underline"
              >
                Open the draft on the canvas
              </Link>
            </div>
          ) : null}
          {result?.publicationRequestId && fourEyes ? (
            <p className="rounded-md bg-slate-50 p-3 text-slate-700" data-testid="prune-four-eyes">
              Four-eyes rule: another manager or admin approves this prune from the{" "}
              <Link href="/review" className="font-medium underline">
                review queue
              </Link>
              .
            </p>
          ) : null}
          {approve.isSuccess ? (
            <p className="rounded-md bg-emerald-50 p-3 text-emerald-900" data-testid="prune-published">
              Approved and published: new customers no longer take this branch. Version history can restore it.
            </p>
          ) : null}
          {approve.error ? <p className="text-red-600">{approve.error.message}</p> : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-6 py-3">
          <button
            type="button"
            onClick={() => onClose(approve.isSuccess)}
            className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            {approve.isSuccess ? "Done" : "Close"}
          </button>
          {!result ? (
            <button
              type="button"
              disabled={!p || !!p.openDraft || prune.isPending}
              onClick={() => prune.mutate({ journeyId: row.journeyId, edgeId: row.edgeId })}
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
            >
              {prune.isPending ? "Creating draft…" : "Create pruned draft"}
            </button>
          ) : result.publicationRequestId && !fourEyes && !approve.isSuccess ? (
            <button
              type="button"
              disabled={approve.isPending}
              onClick={() => approve.mutate({ requestId: result.publicationRequestId!, note: "Pruned a stale branch" })}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {approve.isPending ? "Publishing…" : "Approve and publish"}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
