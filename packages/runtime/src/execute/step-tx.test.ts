import { describe, expect, it } from "vitest";
import { join, sql } from "./step-tx";

describe("sql tag", () => {
  it("turns every value into a numbered parameter, never into text", () => {
    const q = sql`select * from "Enrollment" where "id" = ${"e'1"} and "seq" = ${3}`;
    expect(q.text).toBe(`select * from "Enrollment" where "id" = $1 and "seq" = $2`);
    expect(q.values).toEqual(["e'1", 3]);
  });

  it("splices nested fragments in and renumbers their parameters after the outer ones", () => {
    const inner = sql`"state" = ${"ACTIVE"} and "seq" = ${2}`;
    const q = sql`select ${1} where ${inner} and "id" = ${"x"}`;
    expect(q.text).toBe(`select $1 where "state" = $2 and "seq" = $3 and "id" = $4`);
    expect(q.values).toEqual([1, "ACTIVE", 2, "x"]);
  });

  it("sends dates as UTC instants, whatever the process's time zone", () => {
    const q = sql`select ${new Date(Date.UTC(2026, 0, 2, 3, 4, 5))}`;
    expect(q.values).toEqual(["2026-01-02T03:04:05.000Z"]);
  });

  it("joins fragments with a separator and keeps their parameters in order", () => {
    const q = join([sql`a = ${1}`, sql`b`, sql`c = ${3}`], ", ");
    expect(q.text).toBe("a = $1, b, c = $2");
    expect(q.values).toEqual([1, 3]);
    expect(join([], ", ").text).toBe("");
  });
});
