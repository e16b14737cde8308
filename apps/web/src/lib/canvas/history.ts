/**
 * Undo/redo as a pure value: snapshots of the graph before each user action. Kept out of the store so the rules
 * (bounded depth, redo cleared by a new action, coalescing of rapid edits to one field) are unit-tested.
 */
export interface History<T> {
  past: T[];
  future: T[];
  /** Key of the last recorded action; a repeat within the coalesce window replaces nothing. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 100;
const COALESCE_MS = 800;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/**
 * Records `before` (the state prior to an action). Actions sharing a `key` within the coalesce window (typing in
 * one inspector field) become one undo step.
 */
export function record<T>(history: History<T>, before: T, key: string | null = null, now = Date.now()): History<T> {
  if (key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS) {
    return { ...history, future: [], lastAt: now };
  }
  const past = [...history.past, before];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const previous = history.past.at(-1);
  if (previous === undefined) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
    state: previous,
  };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const next = history.future[0];
  if (next === undefined) return null;
  return {
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
    state: next,
  };
}
