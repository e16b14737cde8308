"use client";

import type { SaveState } from "./use-autosave";

/** A calm line in the top bar: what is saved, what is not, and why. */
export function SaveStatus({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  if (readOnly)
    return (
      <span className="text-xs text-slate-500" data-testid="save-status">
        Read-only
      </span>
    );
  const text =
    state.kind === "saved"
      ? state.at
        ? `All changes saved · ${state.at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`
        : "All changes saved"
      : state.kind === "dirty"
        ? "Unsaved changes…"
        : state.kind === "saving"
          ? "Saving…"
          : state.kind === "conflict"
            ? "Not saved: conflict"
            : "Not saved: error";
  const tone =
    state.kind === "conflict" || state.kind === "error"
      ? "text-red-600"
      : state.kind === "saved"
        ? "text-emerald-700"
        : "text-slate-500";
  return (
    <span className={`text-xs font-medium ${tone}`} data-testid="save-status" data-state={state.kind}>
      {text}
    </span>
  );
}

/** Explains a conflict in people's terms and offers the two honest ways out. */
export function ConflictBanner({
  state,
  onReload,
  onOverwrite,
}: {
  state: Extract<SaveState, { kind: "conflict" }>;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  const when = state.updatedAt ? new Date(state.updatedAt).toLocaleString() : "a moment ago";
  return (
    <div
      className="flex items-center justify-between gap-4 border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-900"
      role="alert"
      data-testid="conflict-banner"
    >
      <p>
        <strong>{state.updatedBy ?? "Someone"}</strong> saved this draft at {when}, after you opened it. Your latest
        edits are not saved, and theirs were not overwritten.
      </p>
      <div className="flex shrink-0 gap-2">
        <button
          type="button"
          onClick={onReload}
          className="rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-medium hover:bg-red-100"
        >
          Load their version (drop my edits)
        </button>
        <button
          type="button"
          onClick={onOverwrite}
          className="rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-700"
        >
          Keep mine (replace theirs)
        </button>
      </div>
    </div>
  );
}
