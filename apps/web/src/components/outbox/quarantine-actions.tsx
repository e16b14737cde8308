"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "~/trpc/react";

/** Retry (a fresh set of delivery attempts) or drop a quarantined message; the list reloads from the server. */
export function QuarantineActions({ messageId }: { messageId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = { onSuccess: () => router.refresh() };
  const retry = useMutation(trpc.outbox.retry.mutationOptions(options));
  const drop = useMutation(trpc.outbox.drop.mutationOptions(options));
  const busy = retry.isPending || drop.isPending;
  const error = retry.error ?? drop.error;
  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => retry.mutate({ id: messageId })}
          className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {retry.isPending ? "Retrying…" : "Retry"}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => drop.mutate({ id: messageId })}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
        >
          {drop.isPending ? "Dropping…" : "Drop"}
        </button>
      </div>
      {error ? (
        <p className="text-xs text-red-600" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
