/**
 * JSON with object keys sorted at every level and no whitespace, so that equal values always serialise to the same
 * string whatever the order their keys were built in. Follows JSON.stringify for everything else (undefined members
 * dropped, non-finite numbers as null, Dates as ISO strings).
 *
 * It rebuilds the value with keys inserted in sorted order and lets the native JSON.stringify write it, which is
 * several times faster than writing it in JavaScript. The one ordering subtlety is the language's own: keys that
 * are array indices ("0", "42") always come first in ascending numeric order, which is just as deterministic.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const sorted: Record<string, unknown> = {};
  for (const key of keys) sorted[key] = sortKeys(record[key]);
  return sorted;
}
