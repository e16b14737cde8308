import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/**
 * Validates a value with a server schema and keys the messages by dotted path ("trigger.event"), so each form
 * field shows exactly what the server would refuse. The key "" holds errors about the value as a whole.
 */
export function fieldErrors(schema: z.ZodType, value: unknown): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const out: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Immutable set of `value` at a dotted path inside a plain object; creates the objects on the way. */
export function setPath<T>(target: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split(".");
  const source = (target && typeof target === "object" ? target : {}) as Record<string, unknown>;
  if (head === undefined) return target;
  if (rest.length === 0) {
    if (value === undefined) {
      const { [head]: _removed, ...kept } = source;
      return kept as T;
    }
    return { ...source, [head]: value } as T;
  }
  return { ...source, [head]: setPath(source[head], rest.join("."), value) } as T;
}

export function getPath(target: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
      target,
    );
}
