import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import {
  agentNode,
  buildJourney,
  chainJourney,
  compileContext,
  defineJourney,
  diagnosticCodes,
  diagnosticsOf,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "../testing/index";

describe("structure diagnostics", () => {
  it("NO_ENTRY: a journey without entry is reported once, without a flood of unreachable nodes", () => {
    const codes = diagnosticCodes(chainJourney([messageNode("m"), goalNode("g")]));
    expect(codes).toEqual(["NO_ENTRY"]);
    expect(diagnosticCodes(chainJourney([entryNode("in"), messageNode("m"), goalNode("g")]))).not.toContain("NO_ENTRY");
  });

  it("ENTRY_HAS_INCOMING: an edge into an entry is refused", () => {
    const definition = chainJourney([entryNode("in"), waitNode("w"), goalNode("g")], [edge("back", "w", "in")]);
    expect(diagnosticsOf(compile(definition, compileContext()), "ENTRY_HAS_INCOMING")[0]?.nodeId).toBe("in");
    expect(diagnosticCodes(buildJourney())).not.toContain("ENTRY_HAS_INCOMING");
  });

  it("UNREACHABLE_NODE: a node no entry leads to is reported by id", () => {
    const definition = chainJourney([entryNode("in"), goalNode("g")]);
    definition.nodes.push(messageNode("orphan"), exitNode("orphan-exit"));
    definition.edges.push(edge("o", "orphan", "orphan-exit"));
    const unreachable = diagnosticsOf(compile(definition, compileContext()), "UNREACHABLE_NODE");
    expect(unreachable.map((d) => d.nodeId)).toEqual(["orphan", "orphan-exit"]);
    expect(diagnosticCodes(buildJourney())).not.toContain("UNREACHABLE_NODE");
  });

  it("DEAD_END: a non-terminal node without successors is an error; goal and exit are not", () => {
    const definition = chainJourney([entryNode("in"), messageNode("m")]);
    expect(diagnosticsOf(compile(definition, compileContext()), "DEAD_END").map((d) => d.nodeId)).toEqual(["m"]);
    expect(diagnosticCodes(chainJourney([entryNode("in"), messageNode("m"), exitNode("x")]))).not.toContain("DEAD_END");
  });

  it("TERMINAL_HAS_SUCCESSORS: a goal with an outgoing edge is refused", () => {
    const definition = chainJourney([entryNode("in"), goalNode("g"), exitNode("x")]);
    expect(diagnosticsOf(compile(definition, compileContext()), "TERMINAL_HAS_SUCCESSORS")[0]?.nodeId).toBe("g");
    expect(diagnosticCodes(buildJourney())).not.toContain("TERMINAL_HAS_SUCCESSORS");
  });

  it("CYCLE_WITHOUT_WAIT: a loop through sends with no wait is reported once with all its nodes", () => {
    const nodes = [entryNode("in"), agentNode("a"), messageNode("m1"), messageNode("m2"), exitNode("x")];
    const edges = [
      edge("in-a", "in", "a"),
      optionEdge("a-m1", "a", "m1"),
      optionEdge("a-x", "a", "x"),
      edge("m1-m2", "m1", "m2"),
      edge("m2-a", "m2", "a"),
    ];
    const [cycle] = diagnosticsOf(compile(defineJourney(nodes, edges), compileContext()), "CYCLE_WITHOUT_WAIT");
    expect(cycle?.nodeId).toBe("a");
    expect(cycle?.details?.nodeIds).toEqual(["a", "m1", "m2"]);
  });

  it("CYCLE_WITHOUT_WAIT: a loop that passes a wait is allowed", () => {
    const nodes = [entryNode("in"), agentNode("a"), messageNode("m"), waitNode("w"), exitNode("x")];
    const edges = [
      edge("in-a", "in", "a"),
      optionEdge("a-m", "a", "m"),
      optionEdge("a-x", "a", "x"),
      edge("m-w", "m", "w"),
      edge("w-a", "w", "a"),
    ];
    expect(diagnosticCodes(defineJourney(nodes, edges))).not.toContain("CYCLE_WITHOUT_WAIT");
  });

  it("CYCLE_WITHOUT_WAIT: a wait on one loop does not excuse another loop through the same node", () => {
    const nodes = [
      entryNode("in"),
      agentNode("a"),
      messageNode("m"),
      waitNode("w"),
      messageNode("fast"),
      exitNode("x"),
    ];
    const edges = [
      edge("in-a", "in", "a"),
      optionEdge("a-m", "a", "m"),
      optionEdge("a-fast", "a", "fast"),
      optionEdge("a-x", "a", "x"),
      edge("m-w", "m", "w"),
      edge("w-a", "w", "a"),
      edge("fast-a", "fast", "a"),
    ];
    const [cycle] = diagnosticsOf(compile(defineJourney(nodes, edges), compileContext()), "CYCLE_WITHOUT_WAIT");
    expect(cycle?.details?.nodeIds).toEqual(["a", "fast"]);
  });

  it("CYCLE_WITHOUT_WAIT: a self-loop on a send is a cycle", () => {
    const definition = chainJourney([entryNode("in"), messageNode("m"), exitNode("x")], [edge("self", "m", "m")]);
    expect(diagnosticCodes(definition)).toContain("CYCLE_WITHOUT_WAIT");
  });

  it("analyses a ~10,000-node chain closed into one loop without overflowing the stack", () => {
    const count = 9_990;
    const nodes = [
      entryNode("in"),
      ...Array.from({ length: count }, (_, i) => messageNode(`m${i}`, { purpose: "transactional" })),
    ];
    const definition = chainJourney([...nodes, exitNode("x")], [edge("loop", `m${count - 1}`, "m0")]);
    const result = compile(definition, compileContext());
    expect(diagnosticsOf(result, "CYCLE_WITHOUT_WAIT")[0]?.details?.nodeIds).toHaveLength(count);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["CYCLE_WITHOUT_WAIT"]);
  });
});
