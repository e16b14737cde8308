"use client";

import type { AppRouter } from "@northstar/api";
import { type DraftDefinition, definitionToFlow } from "@northstar/journey";
import type { inferRouterOutputs } from "@trpc/server";
import { pickShownVersion } from "~/lib/canvas/shown-version";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { useTRPC } from "~/trpc/react";
import { SimulateControl } from "../simulation/simulate-control";
import { EditorToolbar } from "./editor-toolbar";
import { JourneyCanvas } from "./journey-canvas";
import { Palette } from "./palette";
import { SidePanel } from "./side-panel";
import { CanvasPruneDialog } from "./stale/canvas-prune-dialog";
import { useLoadStaleBranches } from "./stale/use-stale-branches";
import { ConflictBanner, SaveStatus } from "./save-status";
import { useAutosave } from "./use-autosave";
import { useLiveDiagnostics } from "./use-live-diagnostics";
import { useShortcuts } from "./use-shortcuts";
import { VersionBanner } from "./version-banner";

export interface EditorJourney {
  id: string;
  name: string;
  status: string;
  objective: { id: string; name: string };
  owner: { name: string };
}

/** The journey page: objective on top, palette, canvas, and the inspector/problems/versions/publish panel. */
type Outputs = inferRouterOutputs<AppRouter>;
type EditorProps = {
  journey: EditorJourney;
  role: string;
  initial: { versions: Outputs["version"]["list"]; shown: Outputs["version"]["get"] | null };
};

export function JourneyEditor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

function Editor({ journey, role, initial }: EditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const requested = useSearchParams().get("version");
  const versions = useQuery({
    ...trpc.version.list.queryOptions({ journeyId: journey.id }),
    initialData: initial.versions,
  });
  const draft = versions.data?.find((v) => v.state === "DRAFT" || v.state === "PENDING_APPROVAL") ?? null;
  const published = versions.data?.find((v) => v.state === "PUBLISHED") ?? null;
  const shownId = pickShownVersion(versions.data ?? [], requested);
  const detail = useQuery({
    ...trpc.version.get.queryOptions({ versionId: shownId ?? "" }),
    enabled: !!shownId,
    staleTime: Number.POSITIVE_INFINITY,
    initialData: initial.shown?.id === shownId ? initial.shown : undefined,
  });
  const [revision, setRevision] = useState<number | null>(null);
  // The canvas store is shared: render the canvas only once it holds the version on screen.
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const loaded = useRef<string | null>(null);
  const load = useCanvasStore((s) => s.load);
  const readOnly = useCanvasStore((s) => s.readOnly);

  // Load a version into the canvas once; later refetches must not clobber edits in progress.
  useEffect(() => {
    const v = detail.data;
    if (!v || loaded.current === `${v.id}:${v.readOnly}`) return;
    loaded.current = `${v.id}:${v.readOnly}`;
    load(definitionToFlow(v.definition as DraftDefinition), v.readOnly);
    setRevision(v.revision);
    setLoadedId(v.id);
  }, [detail.data, load]);

  // A request, an approval or a rejection changes whether the shown version may be edited (only a DRAFT may):
  // refetch it and reload it accordingly.
  const shownState = versions.data?.find((v) => v.id === shownId)?.state;
  useEffect(() => {
    if (shownState && detail.data && (shownState !== "DRAFT") !== detail.data.readOnly) void detail.refetch();
  }, [shownState, detail]);

  const onSaved = useCallback(
    (saved: { revision: number; state: string }) => {
      setRevision(saved.revision);
      if (saved.state !== shownState) void queryClient.invalidateQueries({ queryKey: trpc.version.list.queryKey() });
    },
    [queryClient, trpc, shownState],
  );
  const compile = useLiveDiagnostics(detail.data ? detail.data.id : null);
  useLoadStaleBranches({
    journeyId: journey.id,
    journeyName: journey.name,
    role,
    showingPublished: !!published && loadedId === published.id,
  });
  const { state: saveState, save } = useAutosave({ versionId: detail.data?.id ?? null, revision, readOnly, onSaved });
  const flush = useCallback(() => save(), [save]);
  useShortcuts(flush);

  const reloadTheirs = async () => {
    loaded.current = null;
    await detail.refetch();
  };

  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-5 py-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2 text-xs text-slate-500">
            <Link href="/journeys" className="hover:text-slate-800">
              Journeys
            </Link>
            <span>/</span>
            <span className="truncate">{journey.owner.name}</span>
          </div>
          <div className="flex items-center gap-3">
            <h1 className="truncate text-lg font-semibold text-slate-900" data-testid="journey-title">
              {journey.name}
            </h1>
            <span
              className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 text-xs font-semibold text-brand-700"
              data-testid="objective-chip"
              title="The objective this journey must move; the agent optimises for it"
            >
              <span aria-hidden>◎</span> Objective: {journey.objective.name}
            </span>
          </div>
        </div>
        <div className="flex items-center gap-3">
          <Link
            href={`/journeys/${journey.id}/guardrails`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Guardrails
          </Link>
          <Link
            href={`/journeys/${journey.id}/decisions`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Decisions
          </Link>
          {detail.data ? <SimulateControl journeyId={journey.id} versionId={detail.data.id} flush={flush} /> : null}
          <SaveStatus state={saveState} readOnly={readOnly} />
          {readOnly ? null : (
            <button
              type="button"
              onClick={() => void flush()}
              disabled={saveState.kind === "saving" || saveState.kind === "conflict"}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-50"
              title="Save (⌘/Ctrl+S); drafts also save on their own"
            >
              Save
            </button>
          )}
        </div>
      </header>
      {saveState.kind === "conflict" ? (
        <ConflictBanner
          state={saveState}
          onReload={() => void reloadTheirs()}
          onOverwrite={() => void save({ overwrite: saveState.currentRevision ?? undefined })}
        />
      ) : null}
      {saveState.kind === "error" ? (
        <p className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800" role="alert">
          Saving failed: {saveState.message}. Your edits are kept here; try Save again.
        </p>
      ) : null}
      {detail.data ? (
        <VersionBanner
          journeyId={journey.id}
          version={detail.data}
          draftId={draft?.id ?? null}
          published={!!published}
        />
      ) : null}
      <div className="flex min-h-0 flex-1">
        {readOnly ? null : <Palette />}
        <div className="relative min-w-0 flex-1">
          {detail.data && loadedId === detail.data.id ? (
            <>
              <EditorToolbar />
              <JourneyCanvas />
            </>
          ) : (
            <div className="flex h-full items-center justify-center text-sm text-slate-500">
              {detail.error ? detail.error.message : "Loading the journey…"}
            </div>
          )}
        </div>
        {detail.data ? (
          <SidePanel
            journeyId={journey.id}
            version={{ id: detail.data.id, number: detail.data.number, state: shownState ?? detail.data.state }}
            draftId={draft?.id ?? null}
            role={role}
            compile={compile}
            flush={flush}
            dirty={saveState.kind === "dirty"}
          />
        ) : null}
      </div>
      <CanvasPruneDialog />
    </div>
  );
}
