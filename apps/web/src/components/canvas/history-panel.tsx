"use client";

import {
  type DefinitionDiff,
  type DraftDefinition,
  diffDefinitions,
  diffIsEmpty,
  flowToDefinition,
} from "@northstar/journey";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { useInvalidateJourneyLifecycle, useTRPC, useTRPCClient } from "~/trpc/react";

const STATE_CHIP: Record<string, string> = {
  DRAFT: "bg-sky-50 text-sky-700",
  PENDING_APPROVAL: "bg-amber-50 text-amber-700",
  PUBLISHED: "bg-emerald-50 text-emerald-700",
  SUPERSEDED: "bg-slate-100 text-slate-600",
  ARCHIVED: "bg-slate-100 text-slate-500",
};

interface Props {
  journeyId: string;
  shownVersionId: string;
  draftVersionId: string | null;
}

/** Every version of the journey: open one read-only, compare it with the draft, restore it as a new draft. */
export function HistoryPanel({ journeyId, shownVersionId, draftVersionId }: Props) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const invalidateLifecycle = useInvalidateJourneyLifecycle();
  const versions = useQuery(trpc.version.list.queryOptions({ journeyId }));
  const [diff, setDiff] = useState<{ number: number; diff: DefinitionDiff; names: Map<string, string> } | null>(null);
  const restore = useMutation(
    trpc.version.restore.mutationOptions({
      onSuccess: async () => {
        await invalidateLifecycle();
        router.push(`/journeys/${journeyId}`);
      },
    }),
  );

  const compare = async (versionId: string, number: number) => {
    const old = await client.version.get.query({ versionId });
    // "Current draft": the canvas when it shows the draft, otherwise the saved draft.
    const current =
      shownVersionId === draftVersionId || !draftVersionId
        ? flowToDefinition(useCanvasStore.getState())
        : ((await client.version.get.query({ versionId: draftVersionId })).definition as DraftDefinition);
    const before = old.definition as DraftDefinition;
    const names = new Map<string, string>();
    for (const n of [...before.nodes, ...current.nodes]) names.set(n.id, n.name ?? `${n.kind} ${n.id}`);
    for (const e of [...before.edges, ...current.edges])
      names.set(e.id, e.option?.label ?? `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}`);
    setDiff({ number, diff: diffDefinitions(before, current), names });
  };

  return (
    <div className="space-y-3" data-testid="history-panel">
      <ul className="space-y-1.5">
        {versions.data?.map((v) => (
          <li
            key={v.id}
            className={`rounded-lg border p-2.5 text-sm ${v.id === shownVersionId ? "border-brand-500 bg-brand-50" : "border-slate-200"}`}
            data-testid={`version-${v.number}`}
          >
            <div className="flex items-center justify-between">
              <span className="font-semibold">v{v.number}</span>
              <span className={`rounded-full px-2 py-0.5 text-[10px] font-semibold ${STATE_CHIP[v.state] ?? ""}`}>
                {v.state.replace("_", " ").toLowerCase()}
              </span>
            </div>
            <p className="mt-0.5 text-[11px] text-slate-500">
              {v.createdBy.name} · {new Date(v.updatedAt).toLocaleString()}
              {v.restoredFromVersionId ? " · restored" : ""}
            </p>
            <div className="mt-1.5 flex flex-wrap gap-1.5 text-xs">
              {v.id !== shownVersionId ? (
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
                  onClick={() => router.push(`/journeys/${journeyId}?version=${v.id}`)}
                >
                  Open
                </button>
              ) : null}
              {v.id !== draftVersionId ? (
                <>
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
                    onClick={() => void compare(v.id, v.number)}
                  >
                    Diff vs draft
                  </button>
                  <button
                    type="button"
                    disabled={restore.isPending}
                    className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50"
                    onClick={() => {
                      if (
                        window.confirm(
                          `Restore v${v.number} as a new draft? The open draft is archived (it stays in history).`,
                        )
                      )
                        restore.mutate({ versionId: v.id });
                    }}
                  >
                    Restore as draft
                  </button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {restore.error ? <p className="text-xs text-red-600">{restore.error.message}</p> : null}
      {diff ? <DiffView diff={diff} onClose={() => setDiff(null)} /> : null}
    </div>
  );
}

function DiffView({
  diff,
  onClose,
}: {
  diff: { number: number; diff: DefinitionDiff; names: Map<string, string> };
  onClose: () => void;
}) {
  const select = useCanvasStore((s) => s.select);
  const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
  const { nodes, edges } = diff.diff;
  const rows: [string, string, string[]][] = [
    ["Steps added", "text-emerald-700", ids(nodes.added)],
    ["Steps removed", "text-red-700", ids(nodes.removed)],
    ["Steps changed", "text-amber-700", ids(nodes.changed)],
    ["Steps moved", "text-slate-500", ids(nodes.moved)],
    ["Connections added", "text-emerald-700", ids(edges.added)],
    ["Connections removed", "text-red-700", ids(edges.removed)],
    ["Connections changed", "text-amber-700", ids(edges.changed)],
  ];
  const isNode = (label: string) => label.startsWith("Steps");
  return (
    <section className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="version-diff">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">v{diff.number} → current draft</h3>
        <button type="button" onClick={onClose} className="text-xs text-slate-500 hover:text-slate-800">
          Close
        </button>
      </div>
      {diffIsEmpty(diff.diff) ? <p className="mt-1 text-xs text-slate-500">No differences.</p> : null}
      {rows
        .filter(([, , ids]) => ids.length > 0)
        .map(([label, tone, ids]) => (
          <div key={label} className="mt-2">
            <p className={`text-xs font-semibold ${tone}`}>
              {label} ({ids.length})
            </p>
            <ul className="mt-0.5 space-y-0.5">
              {ids.map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    className="text-left text-xs text-slate-700 hover:underline"
                    onClick={() => select(isNode(label) ? { nodeId: id } : { edgeId: id })}
                  >
                    {diff.names.get(id) ?? id}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}
