import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, printableKey, storableIssue, textIssue } from "./storable-json";

describe("storableIssue", () => {
  it("accepts what PostgreSQL stores unchanged, surrogate pairs and keys like constructor included", () => {
    expect(
      storableIssue(JSON.parse('{"constructor":"x","prototype":[1.5,true,null],"e":"\\ud83d\\ude00"}')),
    ).toBeNull();
  });

  it("names the path of a NUL, an unpaired surrogate, an overflowing number and a __proto__ key", () => {
    expect(storableIssue({ a: ["ok", "n\u0000"] })).toEqual({ path: ["a", 1], message: textIssue("\u0000") });
    expect(storableIssue({ a: { b: "\udc00" } })?.path).toEqual(["a", "b"]);
    expect(storableIssue(JSON.parse('{"total":1e400}'))).toEqual({
      path: ["total"],
      message: "must be a finite number within ±1.7e308",
    });
    expect(storableIssue(JSON.parse('{"t":{"__proto__":{}}}'))).toEqual({
      path: ["t", "__proto__"],
      message: "key is a reserved name",
    });
  });

  it("shows a bad key with its escapes, so the message itself is storable", () => {
    expect(storableIssue({ "k\ud800": 1 })?.path).toEqual(["k\\ud800"]);
    expect(printableKey("a\u0000b\udfff")).toBe("a\\u0000b\\udfff");
  });

  it("stops at MAX_JSON_DEPTH levels instead of overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(storableIssue(deep)?.path).toHaveLength(MAX_JSON_DEPTH);
  });
});
