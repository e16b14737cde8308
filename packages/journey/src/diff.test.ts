import { describe, expect, it } from "vitest";
import { diffDefinitions, diffIsEmpty } from "./diff";
import type { DraftDefinition } from "./flow";
import { buildJourney, exitNode } from "./testing/index";

describe("diffDefinitions", () => {
  it("finds nothing between equal definitions", () => {
    expect(diffDefinitions(buildJourney(), buildJourney())).toEqual({
      nodes: { added: [], removed: [], changed: [], moved: [] },
      edges: { added: [], removed: [], changed: [] },
    });
  });

  it("reports added and removed nodes and edges by stable id", () => {
    const after = buildJourney();
    after.nodes = after.nodes.filter((n) => n.id !== "welcome-sms");
    after.edges = after.edges.filter((e) => e.id !== "choose-sms" && e.id !== "sms-wait");
    after.nodes.push(exitNode("opt-out", "unsubscribed"));
    after.edges.push({ id: "choose-out", source: "choose", target: "opt-out" });
    const diff = diffDefinitions(buildJourney(), after);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(["opt-out"]);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(["welcome-sms"]);
    expect(diff.edges.added.map((e) => e.id)).toEqual(["choose-out"]);
    expect(diff.edges.removed.map((e) => e.id)).toEqual(["choose-sms", "sms-wait"]);
  });

  it("reports changed fields, and a position-only change as moved, not changed", () => {
    const after = buildJourney();
    (after.nodes[1]?.config as { exploration: number }).exploration = 0.3;
    (after.nodes[2] as { position: { x: number; y: number } }).position = { x: 999, y: 999 };
    (after.edges[6] as { target: string }).target = "goal";
    const diff = diffDefinitions(buildJourney(), after);
    expect(diff.nodes.changed.map((c) => [c.id, c.fields])).toEqual([["choose", ["config"]]]);
    expect(diff.nodes.moved.map((m) => m.id)).toEqual(["welcome-email"]);
    expect(diff.edges.changed.map((c) => [c.id, c.fields])).toEqual([["wait-timeout", ["target"]]]);
  });

  it("does not see a change in key order", () => {
    const after = buildJourney();
    const node = after.nodes[1] as { config: Record<string, unknown> };
    node.config = Object.fromEntries(Object.entries(node.config).reverse());
    expect(diffDefinitions(buildJourney(), after).nodes.changed).toEqual([]);
  });

  it("names added, removed and changed nodes and edges of drafts, incomplete configs included", () => {
    const before: DraftDefinition = buildJourney();
    const after = structuredClone(before);
    after.nodes = after.nodes.filter((n) => n.id !== "welcome-sms");
    after.edges = after.edges.filter((e) => e.id !== "choose-sms" && e.id !== "sms-wait");
    after.nodes.push({ id: "new", kind: "goal", position: { x: 0, y: 0 }, config: {} });
    const entry = after.nodes.find((n) => n.id === "entry");
    if (entry) entry.name = "Renamed";
    const diff = diffDefinitions(before, after);
    const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
    expect({
      added: ids(diff.nodes.added),
      removed: ids(diff.nodes.removed),
      changed: ids(diff.nodes.changed),
      moved: ids(diff.nodes.moved),
    }).toEqual({ added: ["new"], removed: ["welcome-sms"], changed: ["entry"], moved: [] });
    expect(ids(diff.edges.removed).sort()).toEqual(["choose-sms", "sms-wait"]);
    expect(diffIsEmpty(diff)).toBe(false);
    expect(diffIsEmpty(diffDefinitions(before, structuredClone(before)))).toBe(true);
  });
});
