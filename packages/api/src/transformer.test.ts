import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { dataTransformer, decodeHostileKeys, encodeHostileKeys } from "./transformer";

/** Through the wire: serialize, JSON text, parse, deserialize, as tRPC does between server and browser. */
const roundTrip = (value: unknown) =>
  dataTransformer.deserialize(JSON.parse(JSON.stringify(dataTransformer.serialize(value))));

function withOwn(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe("dataTransformer", () => {
  it("serializes the keys superjson refuses, which plain superjson cannot", () => {
    const traits = withOwn([
      ["constructor", "x"],
      ["__proto__", { admin: true }],
      ["prototype", 1],
    ]);
    expect(() => superjson.serialize({ traits })).toThrow(/prototype pollution/);
    expect(() => dataTransformer.serialize({ traits })).not.toThrow();
  });

  it("round-trips hostile keys, tilde-prefixed look-alikes and ordinary keys unchanged, at any depth", () => {
    const value = {
      at: new Date("2026-01-02T03:04:05.000Z"),
      list: [
        withOwn([
          ["constructor", "x"],
          ["~constructor", "y"],
          ["~~__proto__", "z"],
          ["name", "Ada"],
        ]),
      ],
      nested: { deeper: withOwn([["__proto__", { polluted: true }]]) },
      map: new Map([["k", withOwn([["prototype", 2]])]]),
    };
    const back = roundTrip(value) as typeof value;
    expect(back.at).toEqual(value.at);
    expect(Object.entries(back.list[0] ?? {})).toEqual([
      ["constructor", "x"],
      ["~constructor", "y"],
      ["~~__proto__", "z"],
      ["name", "Ada"],
    ]);
    expect(Object.entries(back.nested.deeper)).toEqual([["__proto__", { polluted: true }]]);
    expect(Object.entries(back.map.get("k") ?? {})).toEqual([["prototype", 2]]);
  });

  it("decodes `__proto__` as an own property, never as the prototype, and pollutes nothing", () => {
    const back = roundTrip({ traits: withOwn([["__proto__", { polluted: true }]]) }) as {
      traits: Record<string, unknown>;
    };
    expect(Object.getPrototypeOf(back.traits)).toBe(Object.prototype);
    expect(Object.hasOwn(back.traits, "__proto__")).toBe(true);
    expect((back.traits as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("returns objects without hostile keys as they are, allocating nothing", () => {
    const value = { a: [{ b: 1 }], c: { d: "e" } };
    expect(encodeHostileKeys(value)).toBe(value);
    expect(decodeHostileKeys(value)).toBe(value);
  });
});
