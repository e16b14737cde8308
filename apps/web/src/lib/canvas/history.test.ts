import { describe, expect, it } from "vitest";
import { emptyHistory, HISTORY_LIMIT, record, redo, undo } from "./history";

describe("undo/redo history", () => {
  it("undoes and redoes in order", () => {
    let h = emptyHistory<number>();
    h = record(h, 1, null, 0);
    h = record(h, 2, null, 10);
    const u1 = undo(h, 3);
    expect(u1?.state).toBe(2);
    const u2 = u1 && undo(u1.history, u1.state);
    expect(u2?.state).toBe(1);
    const r1 = u2 && redo(u2.history, u2.state);
    expect(r1?.state).toBe(2);
    const r2 = r1 && redo(r1.history, r1.state);
    expect(r2?.state).toBe(3);
    expect(r2 && redo(r2.history, r2.state)).toBeNull();
  });

  it("clears redo on a new action", () => {
    let h = record(emptyHistory<number>(), 1, null, 0);
    const u = undo(h, 2);
    h = record(u!.history, 1, null, 5);
    expect(h.future).toEqual([]);
  });

  it("coalesces rapid edits of one field into one step", () => {
    let h = emptyHistory<string>();
    h = record(h, "a", "name:n1", 0);
    h = record(h, "ab", "name:n1", 300);
    h = record(h, "abc", "name:n1", 600);
    expect(h.past).toEqual(["a"]);
    h = record(h, "abcd", "name:n1", 2_000);
    expect(h.past).toEqual(["a", "abcd"]);
  });

  it("is bounded", () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, i, null, i * 1_000);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
