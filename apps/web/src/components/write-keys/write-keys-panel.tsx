"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/**
 * Write keys authenticate the ingestion API (HTTP Basic, key as user name, as Segment senders do). Only a hash is
 * stored, so the secret is shown once, right after creation, and never again.
 */
export function WriteKeysPanel({ ingestUrl }: { ingestUrl: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.runtime.writeKeys.list.queryOptions());
  const [name, setName] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.runtime.writeKeys.list.queryKey() });
  const create = useMutation(
    trpc.runtime.writeKeys.create.mutationOptions({
      onSuccess: () => {
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.runtime.writeKeys.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
  const created = create.data;

  return (
    <div className="space-y-4">
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">Create a write key</h2>
        <form
          className="flex flex-wrap items-start gap-2 px-5 py-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name });
          }}
        >
          <div className="min-w-64 flex-1">
            <label htmlFor="write-key-name" className="block text-sm font-medium text-slate-700">
              Name
            </label>
            <input
              id="write-key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Website, Segment, backend…"
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            {fieldErrors.name ? <p className="mt-1 text-xs text-red-600">Name {fieldErrors.name.join("; ")}</p> : null}
          </div>
          <button
            type="submit"
            disabled={create.isPending}
            className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          >
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </form>
        {create.error && !fieldErrors.name ? (
          <p className="px-5 pb-4 text-sm text-red-600" role="alert">
            {create.error.message}
          </p>
        ) : null}
        {created ? (
          <div className="mx-5 mb-4 rounded-lg border border-amber-200 bg-amber-50 p-4" role="status">
            <p className="text-sm font-medium text-amber-900">
              Copy the secret of “{created.name}” now: it is shown only once.
            </p>
            <code
              data-testid="write-key-secret"
              className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-sm"
            >
              {created.secret}
            </code>
            <p className="mt-2 text-xs text-amber-800">
              Send events with HTTP Basic auth, the key as user name and an empty password:{" "}
              <code className="font-mono">
                curl -u {created.secret}: {ingestUrl}/api/v1/track -H &apos;content-type: application/json&apos; -d
                &apos;{"{"}&quot;userId&quot;:&quot;u1&quot;,&quot;event&quot;:&quot;signed_up&quot;{"}"}&apos;
              </code>
            </p>
          </div>
        ) : null}
      </section>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
          Keys <span className="ml-1 text-slate-400">{keys.data?.length ?? ""}</span>
        </h2>
        {keys.isPending ? (
          <p className="px-5 py-6 text-sm text-slate-500">Loading…</p>
        ) : keys.error ? (
          <p className="px-5 py-6 text-sm text-red-600">{keys.error.message}</p>
        ) : keys.data.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm text-slate-500">No write key yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Write keys">
            {keys.data.map((k) => (
              <li key={k.id} className="flex items-center justify-between gap-4 px-5 py-3">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    {k.name} <span className="font-mono text-xs text-slate-400">{k.prefix}…</span>
                  </p>
                  <p className="text-xs text-slate-500">
                    Created {dateFormat.format(k.createdAt)} ·{" "}
                    {k.lastUsedAt ? `last used ${dateFormat.format(k.lastUsedAt)}` : "never used"}
                    {k.revokedAt ? ` · revoked ${dateFormat.format(k.revokedAt)}` : ""}
                  </p>
                </div>
                {k.revokedAt ? (
                  <span className="text-xs font-medium text-slate-400">Revoked</span>
                ) : (
                  <button
                    type="button"
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(`Revoke “${k.name}”? Senders using it are refused within seconds.`)) {
                        revoke.mutate({ id: k.id });
                      }
                    }}
                    className="rounded-lg border border-red-200 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50"
                  >
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {revoke.error ? (
          <p className="px-5 pb-3 text-sm text-red-600" role="alert">
            {revoke.error.message}
          </p>
        ) : null}
      </section>
    </div>
  );
}
