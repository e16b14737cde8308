import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportJourney, importJourney } from "./import-export";
import { definitionArb } from "./testing/arbitraries";
import { buildJourney, generateLargeJourney } from "./testing/index";

const meta = { name: "Trial activation", objective: { id: "obj-activation", name: "Trial activation" } };

describe("exportJourney / importJourney", () => {
  it("exports a versioned document that imports back to the same definition", () => {
    const text = exportJourney(buildJourney(), meta);
    expect(JSON.parse(text)).toMatchObject({ format: "northstar.journey", formatVersion: 1, name: "Trial activation" });
    const result = importJourney(text);
    expect(result).toEqual({
      ok: true,
      document: { format: "northstar.journey", formatVersion: 1, ...meta, definition: buildJourney() },
    });
  });

  it("round-trips any schema-valid definition exactly (property)", () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        const result = importJourney(exportJourney(definition, { name: "x" }));
        expect(result.ok && result.document.definition).toStrictEqual(definition);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips a 2,000-node generated journey", () => {
    const definition = generateLargeJourney(2_000);
    const result = importJourney(exportJourney(definition, meta));
    expect(result.ok && result.document.definition).toStrictEqual(definition);
  });

  it("reports invalid JSON syntax at the root path", () => {
    const result = importJourney('{"format": "northstar.journey",');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.path).toBe("$");
    expect(!result.ok && result.problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it("names the JSON path of an invalid field and of an unknown node kind", () => {
    const document = JSON.parse(exportJourney(buildJourney(), meta));
    document.definition.nodes[3].config.channel = "fax";
    document.definition.nodes[5].kind = "teleport";
    const result = importJourney(JSON.stringify(document));
    expect(!result.ok && result.problems).toEqual([
      {
        path: "$.definition.nodes[3].config.channel",
        message: expect.stringContaining("'email' | 'sms' | 'push' | 'webhook'"),
      },
      { path: "$.definition.nodes[5].kind", message: expect.stringContaining('unknown node kind "teleport"') },
    ]);
  });

  it("refuses other files and other format versions with a clear message", () => {
    const other = importJourney(
      JSON.stringify({ format: "something.else", formatVersion: 1, name: "x", definition: buildJourney() }),
    );
    expect(!other.ok && other.problems[0]).toEqual({
      path: "$.format",
      message: expect.stringContaining("not a Northstar journey file"),
    });
    const future = JSON.parse(exportJourney(buildJourney(), meta));
    future.formatVersion = 2;
    const result = importJourney(JSON.stringify(future));
    expect(!result.ok && result.problems[0]).toEqual({
      path: "$.formatVersion",
      message: expect.stringContaining("unsupported format version"),
    });
  });
});
