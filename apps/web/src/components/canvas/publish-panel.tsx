"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { useInvalidateJourneyLifecycle, useTRPC } from "~/trpc/react";
import type { CompileStatus } from "./use-live-diagnostics";

interface Props {
  journeyId: string;
  version: { id: string; number: number; state: string };
  role: string;
  compile: CompileStatus;
  /** Saves pending edits first: publishing judges the saved draft, so it must be what the canvas shows. */
  flush: () => Promise<void>;
  dirty: boolean;
}

const button = "rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50";

function errorText(error: unknown): string {
  const e = error as { message?: string; data?: { details?: { diagnostics?: unknown[] } } };
  const count = e.data?.details?.diagnostics?.length;
  return `${e.message ?? "Failed"}${count ? ` (${count} diagnostics listed under Problems)` : ""}`;
}

/** Marketers request publication; managers and admins publish directly and decide pending requests. */
export function PublishPanel({ journeyId, version, role, compile, flush, dirty }: Props) {
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const errors = useCanvasStore((s) => s.diagnostics.errors);
  const warnings = useCanvasStore((s) => s.diagnostics.warnings);
  const canPublish = role === "MANAGER" || role === "ADMIN";
  const requests = useQuery(trpc.publication.list.queryOptions({ journeyId, status: "PENDING" }));
  const refresh = useInvalidateJourneyLifecycle();

  const request = useMutation(
    trpc.publication.request.mutationOptions({
      onSuccess: () => {
        setNote("");
        void refresh();
      },
    }),
  );
  const publish = useMutation(trpc.version.publish.mutationOptions({ onSuccess: () => void refresh() }));
  const approve = useMutation(
    trpc.publication.approve.mutationOptions({
      onSuccess: () => {
        setNote("");
        void refresh();
      },
    }),
  );
  const reject = useMutation(
    trpc.publication.reject.mutationOptions({
      onSuccess: () => {
        setNote("");
        void refresh();
      },
    }),
  );
  const busy = request.isPending || publish.isPending || approve.isPending || reject.isPending;
  const failure = request.error ?? publish.error ?? approve.error ?? reject.error;
  const open = version.state === "DRAFT" || version.state === "PENDING_APPROVAL";
  const blocked = errors > 0 || compile.compiling;

  return (
    <div className="space-y-4" data-testid="publish-panel">
      <section
        className={`rounded-lg border p-3 text-sm ${errors > 0 ? "border-red-200 bg-red-50" : "border-emerald-200 bg-emerald-50"}`}
        data-testid="compile-result"
      >
        <p className="font-semibold">
          {compile.compiling ? "Compiling…" : errors > 0 ? "Cannot publish yet" : "Ready to publish"}
        </p>
        <p className="mt-0.5 text-xs">
          {errors} error{errors === 1 ? "" : "s"} · {warnings} warning{warnings === 1 ? "" : "s"}
          {compile.planHash ? ` · plan ${compile.planHash.slice(0, 12)}` : ""}
        </p>
        {errors > 0 ? (
          <p className="mt-1 text-xs">Fix the errors listed under Problems; warnings do not block.</p>
        ) : null}
      </section>

      {!open ? (
        <p className="text-sm text-slate-600">
          Version {version.number} is {version.state.toLowerCase().replace("_", " ")} and read-only.
        </p>
      ) : version.state === "PENDING_APPROVAL" && !canPublish ? (
        <p
          className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="awaiting-approval"
        >
          Publication requested: a manager will approve or reject it. A rejection reopens the draft for editing.
        </p>
      ) : (
        <div className="space-y-2">
          <label className="block text-xs font-medium text-slate-600" htmlFor="publish-note">
            {canPublish ? "Note (optional)" : "Note for the approver"}
          </label>
          <textarea
            id="publish-note"
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          />
          {canPublish ? (
            <button
              type="button"
              disabled={blocked || busy}
              className={`${button} w-full bg-brand-600 text-white hover:bg-brand-700`}
              onClick={async () => {
                await flush();
                publish.mutate({ versionId: version.id });
              }}
            >
              Publish v{version.number} now
            </button>
          ) : (
            <button
              type="button"
              disabled={blocked || busy || version.state !== "DRAFT"}
              className={`${button} w-full bg-brand-600 text-white hover:bg-brand-700`}
              onClick={async () => {
                await flush();
                request.mutate({ versionId: version.id, note: note || undefined });
              }}
            >
              Request publication
            </button>
          )}
          {dirty ? <p className="text-[11px] text-slate-500">Unsaved edits are saved first.</p> : null}
        </div>
      )}

      {canPublish && (requests.data?.length ?? 0) > 0 ? (
        <section className="space-y-2" data-testid="pending-requests">
          <h3 className="text-xs font-semibold uppercase tracking-wider text-slate-500">Pending requests</h3>
          {requests.data?.map((r) => (
            <div key={r.id} className="rounded-lg border border-slate-200 p-3 text-sm">
              <p>
                <strong>{r.requestedBy.name}</strong> asks to publish v{r.version.number}
              </p>
              {r.note ? <p className="mt-1 text-xs text-slate-600">“{r.note}”</p> : null}
              <p className="mt-1 text-[11px] text-slate-400">{new Date(r.createdAt).toLocaleString()}</p>
              <div className="mt-2 flex gap-2">
                <button
                  type="button"
                  disabled={busy || blocked}
                  className={`${button} bg-emerald-600 text-white hover:bg-emerald-700`}
                  onClick={() => approve.mutate({ requestId: r.id, note: note || undefined })}
                >
                  Approve and publish
                </button>
                <button
                  type="button"
                  disabled={busy || note.trim() === ""}
                  title={note.trim() === "" ? "Write why in the note first" : undefined}
                  className={`${button} border border-slate-300 bg-white hover:bg-slate-50`}
                  onClick={() => reject.mutate({ requestId: r.id, note })}
                >
                  Reject
                </button>
              </div>
            </div>
          ))}
        </section>
      ) : null}

      {failure ? (
        <p className="rounded-md bg-red-50 p-2 text-xs text-red-700" role="alert">
          {errorText(failure)}
        </p>
      ) : null}
      {publish.isSuccess || approve.isSuccess ? (
        <p
          className="rounded-md bg-emerald-50 p-2 text-xs text-emerald-800"
          role="status"
          data-testid="published-notice"
        >
          Published. The journey is live; this version is now read-only.
        </p>
      ) : null}
      {request.isSuccess ? (
        <p
          className="rounded-md bg-emerald-50 p-2 text-xs text-emerald-800"
          role="status"
          data-testid="requested-notice"
        >
          Publication requested. Managers see it here and in the review queue.
        </p>
      ) : null}
    </div>
  );
}
