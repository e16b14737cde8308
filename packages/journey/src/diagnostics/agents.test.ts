import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import {
  agentNode,
  branchEdge,
  buildJourney,
  compileContext,
  defineJourney,
  diagnosticCodes,
  diagnosticsOf,
  edge,
  entryNode,
  exitNode,
  goalNode,
  optionEdge,
  ruleSplitNode,
} from "../testing/index";

const agentWith = (options: ReturnType<typeof edge>[], config = {}) =>
  defineJourney(
    [entryNode("in"), agentNode("a", config), goalNode("g"), exitNode("x")],
    [edge("in-a", "in", "a"), ...options],
  );

describe("agent and rule-split diagnostics", () => {
  const twoOptions = [optionEdge("a-g", "a", "g"), optionEdge("a-x", "a", "x")];

  it("AGENT_CANNOT_LEARN: a node on the canvas's defaults can learn, so nothing is said", () => {
    const defaults = { decides: "path" as const, policy: "learning" as const, exploration: 0.1, minConfidence: 0.6 };
    expect(diagnosticCodes(agentWith(twoOptions, defaults))).not.toContain("AGENT_CANNOT_LEARN");
  });

  it("AGENT_CANNOT_LEARN: names the setting that keeps a node from learning or acting, in plain words", () => {
    const never = compile(agentWith(twoOptions, { minConfidence: 1 }), compileContext());
    expect(diagnosticsOf(never, "AGENT_CANNOT_LEARN")[0]).toMatchObject({
      severity: "warning",
      nodeId: "a",
      details: { setting: "minConfidence" },
    });
    expect(diagnosticsOf(never, "AGENT_CANNOT_LEARN")[0]?.message).toMatch(/never acts on what it learned/);
    const blind = compile(agentWith(twoOptions, { exploration: 0 }), compileContext());
    expect(diagnosticsOf(blind, "AGENT_CANNOT_LEARN")[0]?.details).toEqual({ setting: "exploration" });
    const noMetric = compile(
      agentWith(twoOptions),
      compileContext({ objective: { id: "obj-test", name: "Unmeasured", metric: {} } }),
    );
    expect(diagnosticsOf(noMetric, "AGENT_CANNOT_LEARN")[0]?.message).toMatch(/names no event/);
    // A warning: the plan still compiles.
    expect(never.plan).not.toBeNull();
  });

  it("applies the admin's minimum agent confidence as a floor under the node's own", () => {
    const global = { ...compileContext().guardrails.global, minConfidence: 0.8 };
    const plan = compile(agentWith(twoOptions, { minConfidence: 0.5 }), compileContext({ global })).plan;
    const step = plan?.steps.find((s) => s.id === "a");
    expect(step?.kind === "agent" && step.decision.minConfidence).toBe(0.8);
  });

  it("AGENT_TOO_FEW_OPTIONS: an agent with one option has nothing to decide", () => {
    const result = compile(agentWith([optionEdge("a-g", "a", "g")]), compileContext());
    expect(diagnosticsOf(result, "AGENT_TOO_FEW_OPTIONS")[0]).toMatchObject({
      nodeId: "a",
      details: { optionCount: 1 },
    });
    expect(diagnosticCodes(agentWith([optionEdge("a-g", "a", "g"), optionEdge("a-x", "a", "x")]))).not.toContain(
      "AGENT_TOO_FEW_OPTIONS",
    );
  });

  it("AGENT_FALLBACK_NOT_AN_OPTION: the fallback must be one of the agent's outgoing edges", () => {
    const options = [optionEdge("a-g", "a", "g"), optionEdge("a-x", "a", "x")];
    const wrong = compile(agentWith(options, { fallbackOptionEdgeId: "in-a" }), compileContext());
    expect(diagnosticsOf(wrong, "AGENT_FALLBACK_NOT_AN_OPTION")[0]).toMatchObject({ nodeId: "a", edgeId: "in-a" });
    expect(diagnosticCodes(agentWith(options, { fallbackOptionEdgeId: "a-x" }))).not.toContain(
      "AGENT_FALLBACK_NOT_AN_OPTION",
    );
  });

  it("AGENT_OPTION_UNDESCRIBED: an option edge without option data is a warning and does not block the plan", () => {
    const result = compile(
      agentWith([optionEdge("a-g", "a", "g"), edge("a-x", "a", "x", { label: "Leave" })]),
      compileContext(),
    );
    expect(diagnosticsOf(result, "AGENT_OPTION_UNDESCRIBED")).toEqual([
      expect.objectContaining({ edgeId: "a-x", severity: "warning" }),
    ]);
    expect(result.plan?.steps.find((s) => s.id === "a")).toMatchObject({
      decision: { options: [{ edgeId: "a-g" }, { edgeId: "a-x", label: "Leave", description: "" }] },
    });
    expect(diagnosticCodes(buildJourney())).not.toContain("AGENT_OPTION_UNDESCRIBED");
  });

  const split = (branches: ReturnType<typeof edge>[]) =>
    defineJourney(
      [entryNode("in"), ruleSplitNode("s"), goalNode("g"), exitNode("x")],
      [edge("in-s", "in", "s"), ...branches],
    );

  it("RULE_SPLIT_MISSING_CONDITION: every branch of a split needs a condition", () => {
    const result = compile(split([branchEdge("s-g", "s", "g", "vip"), edge("s-x", "s", "x")]), compileContext());
    expect(diagnosticsOf(result, "RULE_SPLIT_MISSING_CONDITION")[0]).toMatchObject({ nodeId: "s", edgeId: "s-x" });
    expect(
      diagnosticCodes(split([branchEdge("s-g", "s", "g", "vip"), branchEdge("s-x", "s", "x", null)])),
    ).not.toContain("RULE_SPLIT_MISSING_CONDITION");
  });

  it("RULE_SPLIT_NEEDS_ONE_ELSE: no else branch, or two, is an error", () => {
    expect(
      diagnosticCodes(split([branchEdge("s-g", "s", "g", "vip"), branchEdge("s-x", "s", "x", "churned")])),
    ).toContain("RULE_SPLIT_NEEDS_ONE_ELSE");
    expect(diagnosticCodes(split([branchEdge("s-g", "s", "g", null), branchEdge("s-x", "s", "x", null)]))).toContain(
      "RULE_SPLIT_NEEDS_ONE_ELSE",
    );
    expect(diagnosticCodes(split([branchEdge("s-g", "s", "g", "vip"), branchEdge("s-x", "s", "x", null)]))).toEqual([]);
  });

  it("COLLAPSIBLE_RULE_TREE: a chain of two splits is reported once, on its root, listing the tree", () => {
    const definition = defineJourney(
      [entryNode("in"), ruleSplitNode("s1"), ruleSplitNode("s2"), goalNode("g"), exitNode("x")],
      [
        edge("in-s1", "in", "s1"),
        branchEdge("s1-s2", "s1", "s2", "vip"),
        branchEdge("s1-x", "s1", "x", null),
        branchEdge("s2-g", "s2", "g", "active"),
        branchEdge("s2-x", "s2", "x", null),
      ],
    );
    const result = compile(definition, compileContext());
    expect(diagnosticsOf(result, "COLLAPSIBLE_RULE_TREE")).toEqual([
      expect.objectContaining({
        nodeId: "s1",
        severity: "warning",
        details: { nodeIds: ["s1", "s2"], splitCount: 2, branchCount: 4 },
      }),
    ]);
    expect(result.plan).not.toBeNull();
  });

  it("COLLAPSIBLE_RULE_TREE: a single split with three branches is reported; with two it is not", () => {
    const three = split([
      branchEdge("s-g", "s", "g", "vip"),
      branchEdge("s-g2", "s", "g", "new"),
      branchEdge("s-x", "s", "x", null),
    ]);
    expect(diagnosticCodes(three)).toEqual(["COLLAPSIBLE_RULE_TREE"]);
    expect(
      diagnosticCodes(split([branchEdge("s-g", "s", "g", "vip"), branchEdge("s-x", "s", "x", null)])),
    ).not.toContain("COLLAPSIBLE_RULE_TREE");
  });
});
