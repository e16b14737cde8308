import { entryConfigSchema } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import { fieldErrors, getPath, setPath } from "./field-errors";

describe("inspector field helpers", () => {
  it("keys the server schema's messages by field path", () => {
    const errors = fieldErrors(entryConfigSchema, {
      trigger: { type: "event", event: "", filters: [] },
      reentry: "never",
      holdoutShare: 0.9,
    });
    expect(Object.keys(errors).sort()).toEqual(["holdoutShare", "trigger.event"]);
  });

  it("sets and removes nested values without mutating", () => {
    const before = { a: { b: 1 }, c: 2 };
    const after = setPath(before, "a.d", 3);
    expect(after).toEqual({ a: { b: 1, d: 3 }, c: 2 });
    expect(before).toEqual({ a: { b: 1 }, c: 2 });
    expect(setPath(after, "a.b", undefined)).toEqual({ a: { d: 3 }, c: 2 });
    expect(getPath(after, "a.d")).toBe(3);
  });
});
