import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import { buildJourney, compileContext, diagnosticCodes, diagnosticsOf } from "../testing/index";

describe("validation diagnostics", () => {
  it("a valid journey compiles with no diagnostics at all", () => {
    const result = compile(buildJourney(), compileContext());
    expect(result.diagnostics).toEqual([]);
    expect(result.plan).not.toBeNull();
  });

  it("INVALID_DEFINITION: an unsupported format version or a non-object is reported, not thrown", () => {
    expect(diagnosticCodes({ ...buildJourney(), formatVersion: 2 })).toContain("INVALID_DEFINITION");
    expect(diagnosticCodes("not a journey")).toEqual(["INVALID_DEFINITION"]);
    expect(diagnosticCodes(null)).toEqual(["INVALID_DEFINITION"]);
    expect(diagnosticCodes(buildJourney())).not.toContain("INVALID_DEFINITION");
  });

  it("INVALID_DEFINITION: an oversize payload fails with the limit in the message", () => {
    const nodes = Array.from({ length: 10_001 }, () => ({}));
    const result = compile({ formatVersion: 1, nodes, edges: [] }, compileContext());
    expect(result.diagnostics[0]?.message).toContain("at most 10000 nodes");
  });

  it("INVALID_NODE: a node without a position is reported at its path", () => {
    const definition = buildJourney() as { nodes: Array<Record<string, unknown>> };
    delete definition.nodes[6]?.position;
    const [found] = diagnosticsOf(compile(definition, compileContext()), "INVALID_NODE");
    expect(found).toMatchObject({ nodeId: "exit", path: "$.nodes[6].position" });
    expect(diagnosticCodes(buildJourney())).not.toContain("INVALID_NODE");
  });

  it("INVALID_CONFIG: names the node and the field path, and the rest of the graph is still analysed", () => {
    const definition = buildJourney();
    (definition.nodes[2]?.config as Record<string, unknown>).channel = "fax";
    const result = compile(definition, compileContext());
    expect(diagnosticsOf(result, "INVALID_CONFIG")).toEqual([
      expect.objectContaining({ nodeId: "welcome-email", path: "$.nodes[2].config.channel", severity: "error" }),
    ]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain("UNREACHABLE_NODE");
    expect(result.plan).toBeNull();
  });

  it("INVALID_CONFIG: unknown config fields are refused (configs are strict)", () => {
    const definition = buildJourney();
    (definition.nodes[1]?.config as Record<string, unknown>).explorashun = 0.2;
    expect(diagnosticsOf(compile(definition, compileContext()), "INVALID_CONFIG")[0]?.path).toBe("$.nodes[1].config");
    expect(diagnosticCodes(buildJourney())).not.toContain("INVALID_CONFIG");
  });

  it("INVALID_EDGE: an eligibility rule without a value is reported at its path, the edge still counts", () => {
    const definition = buildJourney();
    const option = definition.edges[1]?.option;
    if (option) option.eligibility = [{ field: "country", operator: "eq" }];
    const result = compile(definition, compileContext());
    expect(diagnosticsOf(result, "INVALID_EDGE")[0]).toMatchObject({
      edgeId: "choose-email",
      path: "$.edges[1].option.eligibility[0].value",
    });
    expect(result.diagnostics.map((d) => d.code)).not.toContain("UNREACHABLE_NODE");
    expect(diagnosticCodes(buildJourney())).not.toContain("INVALID_EDGE");
  });

  it("INVALID_CONTEXT: invalid guardrails are reported with a context path", () => {
    const context = compileContext();
    context.guardrails.global.minConfidence = 2;
    const result = compile(buildJourney(), context);
    expect(diagnosticsOf(result, "INVALID_CONTEXT")[0]?.path).toBe("context.guardrails.global.minConfidence");
    expect(result.plan).toBeNull();
    expect(diagnosticCodes(buildJourney(), compileContext())).not.toContain("INVALID_CONTEXT");
  });

  it("UNKNOWN_NODE_KIND: names the kind; edges to that node are not reported as dangling", () => {
    const definition = buildJourney() as { nodes: Array<Record<string, unknown>> };
    (definition.nodes[3] as Record<string, unknown>).kind = "fax";
    const result = compile(definition, compileContext());
    expect(diagnosticsOf(result, "UNKNOWN_NODE_KIND")[0]?.message).toContain('"fax"');
    expect(result.diagnostics.map((d) => d.code)).not.toContain("DANGLING_EDGE");
    expect(diagnosticCodes(buildJourney())).not.toContain("UNKNOWN_NODE_KIND");
  });

  it("DUPLICATE_ID: a repeated node id and a repeated edge id are each reported once", () => {
    const definition = buildJourney();
    definition.nodes.push({ ...(definition.nodes[5] as (typeof definition.nodes)[number]) });
    definition.edges.push({ ...(definition.edges[0] as (typeof definition.edges)[number]) });
    const duplicates = diagnosticsOf(compile(definition, compileContext()), "DUPLICATE_ID");
    expect(duplicates.map((d) => d.nodeId ?? d.edgeId).sort()).toEqual(["entry-choose", "goal"]);
    expect(diagnosticCodes(buildJourney())).not.toContain("DUPLICATE_ID");
  });

  it("DANGLING_EDGE: an edge to a missing node names the missing end", () => {
    const definition = buildJourney();
    definition.edges.push({ id: "to-nowhere", source: "wait-day", target: "ghost" });
    const [dangling] = diagnosticsOf(compile(definition, compileContext()), "DANGLING_EDGE");
    expect(dangling).toMatchObject({ edgeId: "to-nowhere" });
    expect(dangling?.message).toContain('target "ghost"');
    expect(diagnosticCodes(buildJourney())).not.toContain("DANGLING_EDGE");
  });

  it("COMPILE_FAILED: an internal failure (a context whose getter throws) is a diagnostic, not an exception", () => {
    const context = {
      get objective(): never {
        throw new Error("boom");
      },
    };
    const result = compile(buildJourney(), context as never);
    expect(result.plan).toBeNull();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "COMPILE_FAILED" })]);
    expect(diagnosticCodes(buildJourney())).not.toContain("COMPILE_FAILED");
  });
});
