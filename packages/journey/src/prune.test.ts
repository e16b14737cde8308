import { describe, expect, it } from "vitest";
import { compile } from "./compile/compile";
import { planPrune, prunedDefinition } from "./prune";
import {
  agentNode,
  buildJourney,
  compileContext,
  defineJourney,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "./testing/index";

/** in -> a; a -> [vip -> vip-wait -> shared] | [std -> shared] | [leave]; shared -> goal. */
function branching() {
  return defineJourney(
    [
      entryNode("in"),
      agentNode("a"),
      messageNode("vip"),
      waitNode("vip-wait"),
      messageNode("std"),
      messageNode("shared"),
      goalNode("goal"),
      exitNode("leave"),
    ],
    [
      edge("in-a", "in", "a"),
      optionEdge("a-vip", "a", "vip"),
      optionEdge("a-std", "a", "std"),
      optionEdge("a-leave", "a", "leave"),
      edge("vip-wait", "vip", "vip-wait"),
      edge("vip-wait-shared", "vip-wait", "shared"),
      edge("std-shared", "std", "shared"),
      edge("shared-goal", "shared", "goal"),
    ],
  );
}

describe("prunedDefinition", () => {
  it("removes the branch and the nodes reached only through it, with their edges", () => {
    expect(planPrune(branching(), "a-vip")).toEqual({
      edgeId: "a-vip",
      removedNodeIds: ["vip", "vip-wait"],
      removedEdgeIds: ["a-vip", "vip-wait", "vip-wait-shared"],
    });
    const pruned = prunedDefinition(branching(), "a-vip");
    expect(pruned.nodes.map((n) => n.id)).toEqual(["in", "a", "std", "shared", "goal", "leave"]);
    expect(compile(pruned, compileContext()).plan).not.toBeNull();
  });

  it("keeps nodes also reachable from an entry by another path", () => {
    const pruned = prunedDefinition(branching(), "std-shared");
    expect(pruned.nodes.map((n) => n.id)).toContain("shared");
    expect(pruned.nodes.map((n) => n.id)).toContain("goal");
    expect(pruned.edges.map((e) => e.id)).not.toContain("std-shared");
  });

  it("keeps nodes reached from a second entry", () => {
    const definition = branching();
    definition.nodes.push(entryNode("in2"));
    definition.edges.push(edge("in2-vip", "in2", "vip"));
    expect(planPrune(definition, "a-vip")?.removedNodeIds).toEqual([]);
  });

  it("leaves the definition unchanged for an unknown edge, without mutating the input", () => {
    const definition = buildJourney();
    expect(planPrune(definition, "nope")).toBeNull();
    expect(prunedDefinition(definition, "nope")).toEqual(definition);
    prunedDefinition(definition, "choose-sms");
    expect(definition).toEqual(buildJourney());
  });

  it("prunes the only path through a loop without touching the rest", () => {
    const definition = buildJourney();
    const pruned = prunedDefinition(definition, "choose-sms");
    expect(pruned.nodes.map((n) => n.id)).not.toContain("welcome-sms");
    expect(pruned.nodes.map((n) => n.id)).toContain("wait-day");
  });
});
