import superjson, { type SuperJSONResult } from "superjson";

/**
 * The tRPC data transformer of the server and the browser: superjson, plus a reversible renaming of the object keys
 * superjson refuses (`__proto__`, `constructor`, `prototype`). Those keys come from outside (identify traits, CSV
 * columns, template variables) and are stored as given; without the renaming one such key makes every list that
 * shows it answer 500. On the way out a key made of tildes and one of the three words gains one tilde; on the way in
 * it loses one, so any key, `~constructor` included, round-trips unchanged. Decoded objects get the keys as own data
 * properties (`Object.defineProperty`), never through the `__proto__` setter.
 */
const ENCODE = /^~*(?:__proto__|constructor|prototype)$/;
const DECODE = /^~+(?:__proto__|constructor|prototype)$/;

type Rename = (key: string) => string | null;

const escapeKey: Rename = (key) => (ENCODE.test(key) ? `~${key}` : null);
const unescapeKey: Rename = (key) => (DECODE.test(key) ? key.slice(1) : null);

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Renames keys of plain objects at any depth (inside arrays, maps and sets too). Copy on write: an object without a
 * renamed key anywhere below it is returned as is, so the common case allocates nothing.
 */
function renameKeys(value: unknown, rename: Rename, seen: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  seen.set(value, value); // a cycle meets the original; superjson replaces cycles anyway
  let result: unknown = value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = renameKeys(value[i], rename, seen);
      if (next !== value[i]) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    result = copy ?? value;
  } else if (value instanceof Map) {
    let changed = false;
    const entries = [...value.entries()].map(([k, v]) => {
      const [nk, nv] = [renameKeys(k, rename, seen), renameKeys(v, rename, seen)];
      changed ||= nk !== k || nv !== v;
      return [nk, nv] as const;
    });
    result = changed ? new Map(entries) : value;
  } else if (value instanceof Set) {
    const before = [...value];
    const items = before.map((item) => renameKeys(item, rename, seen));
    result = items.some((item, i) => item !== before[i]) ? new Set(items) : value;
  } else if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    const keys = Object.keys(value);
    for (const [index, key] of keys.entries()) {
      const inner = value[key];
      const next = renameKeys(inner, rename, seen);
      const renamed = rename(key);
      if (copy === null && (renamed !== null || next !== inner)) {
        copy = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
        for (const earlier of keys.slice(0, index)) defineOwn(copy as Record<string, unknown>, earlier, value[earlier]);
      }
      if (copy) defineOwn(copy, renamed ?? key, next);
    }
    result = copy ?? value;
  }
  seen.set(value, result);
  return result;
}

export function encodeHostileKeys<T>(value: T): T {
  return renameKeys(value, escapeKey, new Map()) as T;
}

export function decodeHostileKeys<T>(value: T): T {
  return renameKeys(value, unescapeKey, new Map()) as T;
}

export const dataTransformer = {
  serialize: (value: unknown): SuperJSONResult => superjson.serialize(encodeHostileKeys(value)),
  deserialize: (payload: SuperJSONResult): unknown => decodeHostileKeys(superjson.deserialize(payload)),
};
