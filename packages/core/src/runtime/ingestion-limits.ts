import type { StorableIssue } from "./storable-json";
import { MAX_JSON_DEPTH } from "./storable-json";

/**
 * Shape limits of one call, checked before anything walks it recursively. Each is answered with a 400 that names
 * the limit and the field, never a 5xx a sender would retry forever.
 */
export const CALL_SHAPE_LIMITS = {
  /** Levels of objects and arrays inside a call. */
  maxDepth: MAX_JSON_DEPTH,
  /** Object keys in a whole call, all levels together. */
  maxKeys: 1_000,
  /** Characters in one string value or key. */
  maxStringLength: 8_192,
} as const;

/** The first place where `value` goes past a shape limit, or null. Iterative: any depth costs no stack. */
export function callShapeIssue(value: unknown, limits = CALL_SHAPE_LIMITS): StorableIssue | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let keys = 0;
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof current === "string") {
      if (current.length > limits.maxStringLength) {
        return { path, message: `is longer than the limit of ${limits.maxStringLength} characters per string` };
      }
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= limits.maxDepth) {
      return { path, message: `nests deeper than the limit of ${limits.maxDepth} levels` };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    const entries = Object.keys(current);
    keys += entries.length;
    if (keys > limits.maxKeys) {
      return { path, message: `takes the call past the limit of ${limits.maxKeys} keys per call` };
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const key = entries[i] as string;
      if (key.length > limits.maxStringLength) {
        return { path, message: `has a key longer than the limit of ${limits.maxStringLength} characters` };
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
