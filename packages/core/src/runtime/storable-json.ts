/**
 * What JavaScript and PostgreSQL would silently alter or refuse in a JSON value from outside, found before it is
 * stored so the sender gets a 400 naming the field instead of a changed value or a 5xx:
 * - NUL (U+0000): PostgreSQL cannot store it in text or jsonb;
 * - unpaired surrogates (a `\udc00` escape alone): the driver's UTF-8 encoding turns them into U+FFFD;
 * - numbers beyond the double range (`1e400` parses to Infinity): JSON.stringify writes them as null;
 * - the key `__proto__`: zod and object spreads drop it or treat it as the prototype;
 * - nesting deeper than MAX_JSON_DEPTH: serializing it would overflow the stack.
 */
import type { z } from "zod";

export const MAX_JSON_DEPTH = 32;

export type JsonPath = (string | number)[];

export interface StorableIssue {
  path: JsonPath;
  message: string;
}

const UNPAIRED_SOURCE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const UNPAIRED = new RegExp(UNPAIRED_SOURCE);
const UNPAIRED_ALL = new RegExp(UNPAIRED_SOURCE, "g");

/** The problem of a string PostgreSQL would refuse or alter, or null. */
export function textIssue(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL (\\u0000) characters";
  if (UNPAIRED.test(value)) return "must not contain an unpaired surrogate (\\ud800-\\udfff without its pair)";
  return null;
}

/** A key as it can be shown in a message: NUL and unpaired surrogates as their escapes. */
export function printableKey(key: string): string {
  return key
    .replaceAll("\u0000", "\\u0000")
    .replace(UNPAIRED_ALL, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The first problem inside a JSON value (keys included), or null when it can be stored exactly as received. */
export function storableIssue(value: unknown, path: JsonPath = [], depth = 0): StorableIssue | null {
  if (typeof value === "string") {
    const message = textIssue(value);
    return message ? { path, message } : null;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? null : { path, message: "must be a finite number within ±1.7e308" };
  }
  if (typeof value !== "object" || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { path, message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = storableIssue(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const keyProblem = key === "__proto__" ? "is a reserved name" : textIssue(key);
    if (keyProblem) return { path: [...path, printableKey(key)], message: `key ${keyProblem}` };
    const found = storableIssue((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The check as a zod refinement (`.superRefine(refuseUnstorable)`), reporting the path of the first problem. */
export function refuseUnstorable(value: unknown, ctx: z.RefinementCtx): void {
  const issue = storableIssue(value);
  if (issue) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
}
