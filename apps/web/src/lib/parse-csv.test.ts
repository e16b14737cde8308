import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it("reads quoted fields, escaped quotes, CRLF and line breaks inside quotes, with each row's file line", () => {
    const text = '\uFEFFuserId,note\r\nu1,"Hello, ""world"""\r\n\r\nu2,"two\nlines"\nu3,last';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["userId", "note"] },
      { line: 2, cells: ["u1", 'Hello, "world"'] },
      { line: 4, cells: ["u2", "two\nlines"] },
      { line: 6, cells: ["u3", "last"] },
    ]);
  });
});
