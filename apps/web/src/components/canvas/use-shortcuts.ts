"use client";

import { useEffect } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)
  );
}

/**
 * Editor shortcuts. Inside form fields the browser's own undo and copy win, so the inspector behaves like a form.
 * Delete is handled here (not by React Flow) so removing nodes and their edges is one undo step.
 */
export function useShortcuts(onSave: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      const store = useCanvasStore.getState();
      if (mod && event.key.toLowerCase() === "s") {
        event.preventDefault();
        onSave();
        return;
      }
      if (typingIn(event.target)) return;
      const key = event.key.toLowerCase();
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        store.redo();
      } else if (mod && key === "c") {
        store.copy();
      } else if (mod && key === "v") {
        event.preventDefault();
        store.paste();
      } else if (mod && key === "d") {
        event.preventDefault();
        store.duplicate();
      } else if (!mod && (event.key === "Delete" || event.key === "Backspace")) {
        event.preventDefault();
        store.deleteSelected();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onSave]);
}
