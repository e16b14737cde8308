"use client";

import { flowToDefinition } from "@northstar/journey";
import { useCallback, useEffect, useRef, useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { useTRPCClient } from "~/trpc/react";

const AUTOSAVE_MS = 1_500;

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "conflict"; updatedBy: string | null; updatedAt: string | null; currentRevision: number | null }
  | { kind: "error"; message: string };

interface Options {
  versionId: string | null;
  revision: number | null;
  readOnly: boolean;
  onSaved: (saved: { revision: number; state: string }) => void;
}

/**
 * Autosave of the draft plus an explicit save, both based on the revision the editor loaded. A save refused as a
 * CONFLICT (someone saved meanwhile) stops autosave: nothing is overwritten until the person chooses.
 */
export function useAutosave({ versionId, revision, readOnly, onSaved }: Options) {
  const client = useTRPCClient();
  const changeSeq = useCanvasStore((s) => s.changeSeq);
  const loadCount = useCanvasStore((s) => s.loadCount);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });
  const savedSeq = useRef(0);
  const revisionRef = useRef(revision);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const conflicted = useRef(false);
  revisionRef.current = revision;

  // A fresh load is, by definition, what is saved.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each load; loadCount is the trigger, not an input.
  useEffect(() => {
    savedSeq.current = 0;
    conflicted.current = false;
    setState({ kind: "saved", at: null });
  }, [loadCount]);

  const saveNow = useCallback(
    async (opts: { overwrite?: number }) => {
      if (!versionId || readOnly) return;
      const seq = useCanvasStore.getState().changeSeq;
      // Nothing new since the last save; after a conflict only an explicit "keep mine" saves again.
      if (opts.overwrite === undefined && (seq <= savedSeq.current || conflicted.current)) return;
      const baseRevision = opts.overwrite ?? revisionRef.current;
      if (baseRevision === null) return;
      setState({ kind: "saving" });
      try {
        const definition = flowToDefinition(useCanvasStore.getState());
        const saved = await client.version.saveDraft.mutate({ versionId, baseRevision, definition });
        savedSeq.current = seq;
        revisionRef.current = saved.revision;
        conflicted.current = false;
        onSaved({ revision: saved.revision, state: saved.state });
        setState(useCanvasStore.getState().changeSeq > seq ? { kind: "dirty" } : { kind: "saved", at: new Date() });
      } catch (error) {
        const data = (error as { data?: { appCode?: string; details?: Record<string, unknown> } }).data;
        if (data?.appCode === "CONFLICT") {
          conflicted.current = true;
          const d = data.details ?? {};
          setState({
            kind: "conflict",
            updatedBy: (d.updatedBy as string | null) ?? null,
            updatedAt: (d.updatedAt as string | null) ?? null,
            currentRevision: (d.currentRevision as number | null) ?? null,
          });
        } else setState({ kind: "error", message: error instanceof Error ? error.message : "Saving failed" });
      }
    },
    [client, versionId, readOnly, onSaved],
  );

  /**
   * Saves are queued, never dropped: a save asked for while another is in flight runs after it, so "save, then
   * request publication" always requests what the canvas shows, and no late autosave edits a submitted draft.
   */
  const save = useCallback(
    (opts: { overwrite?: number } = {}) => {
      const next = queue.current.then(() => saveNow(opts));
      queue.current = next.catch(() => undefined);
      return next;
    },
    [saveNow],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: state.kind is read to skip, not to re-arm; re-arming on every state change would save in a loop.
  useEffect(() => {
    if (readOnly || changeSeq <= savedSeq.current) return;
    if (state.kind === "conflict") return;
    if (state.kind !== "saving") setState({ kind: "dirty" });
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changeSeq, readOnly, save]);

  // A save that finished while more edits arrived leaves "dirty": arm the next save.
  useEffect(() => {
    if (state.kind !== "dirty" || readOnly) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state.kind, readOnly, save]);

  // Leaving with unsaved edits asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (useCanvasStore.getState().changeSeq > savedSeq.current && !useCanvasStore.getState().readOnly)
        event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return { state, save };
}
