/**
 * Plain-JSON builders for the demo history's journey graphs. The database package must not import
 * @northstar/journey, so these write the stored format by hand; packages/core's history test compiles every seeded
 * version and fails on any error, which keeps them honest.
 */
export interface SeedNode {
  id: string;
  kind: string;
  name: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}
export interface SeedEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  sourceHandle?: string;
  option?: { label: string; description: string; eligibility: unknown[] };
  condition?: { type: "else" } | { type: "rules"; match: "all"; rules: unknown[] };
}
export interface SeedDefinition {
  formatVersion: 1;
  nodes: SeedNode[];
  edges: SeedEdge[];
}

const node = (id: string, kind: string, name: string, config: Record<string, unknown>): SeedNode => ({
  id,
  kind,
  name,
  position: { x: 0, y: 0 },
  config,
});

export const g = {
  event: (id: string, name: string, event: string) =>
    node(id, "entry", name, { trigger: { type: "event", event, filters: [] }, reentry: "always", holdoutShare: 0.05 }),
  segment: (id: string, name: string, segmentId: string) =>
    node(id, "entry", name, {
      trigger: { type: "segment", segmentId, dailyAt: "10:00" },
      reentry: { afterDays: 90 },
      holdoutShare: 0.05,
    }),
  agent: (id: string, name: string, fallbackOptionEdgeId: string) =>
    node(id, "agent", name, {
      decides: "path",
      policy: "learning",
      exploration: 0.1,
      minConfidence: 0.6,
      fallbackOptionEdgeId,
    }),
  email: (id: string, name: string, keyMessage: string) =>
    node(id, "message", name, {
      channel: "email",
      purpose: "marketing",
      content: { mode: "brief", keyMessage, tone: "warm", requiredElements: ["unsubscribe_link", "cta"] },
    }),
  sms: (id: string, name: string, body: string) =>
    node(id, "message", name, {
      channel: "sms",
      purpose: "marketing",
      content: { mode: "template", templateId: `${id}-tpl`, version: 1, body, variables: {} },
    }),
  push: (id: string, name: string, body: string) =>
    node(id, "message", name, {
      channel: "push",
      purpose: "marketing",
      content: { mode: "template", templateId: `${id}-tpl`, version: 1, body, variables: {} },
    }),
  wait: (id: string, name: string, minutes: number) => node(id, "wait", name, { type: "duration", minutes }),
  waitFor: (id: string, name: string, event: string, timeoutMinutes: number) =>
    node(id, "wait", name, { type: "until_event", event, timeoutMinutes }),
  split: (id: string, name: string) => node(id, "rule_split", name, {}),
  goal: (id: string, name = "Objective met") => node(id, "goal", name, {}),
  exit: (id: string, name = "Exit") => node(id, "exit", name, { reason: "explicit" }),
};

export const e = {
  next: (id: string, source: string, target: string, extra: Partial<SeedEdge> = {}): SeedEdge => ({
    id,
    source,
    target,
    ...extra,
  }),
  option: (
    id: string,
    source: string,
    target: string,
    label: string,
    description: string,
    eligibility: unknown[] = [],
  ): SeedEdge => ({
    id,
    source,
    target,
    option: { label, description, eligibility },
  }),
  rule: (id: string, source: string, target: string, label: string, field: string, value: unknown): SeedEdge => ({
    id,
    source,
    target,
    label,
    condition: { type: "rules", match: "all", rules: [{ field, operator: "eq", value }] },
  }),
  otherwise: (id: string, source: string, target: string): SeedEdge => ({
    id,
    source,
    target,
    label: "else",
    condition: { type: "else" },
  }),
  timeout: (id: string, source: string, target: string): SeedEdge => ({
    id,
    source,
    target,
    sourceHandle: "timeout",
    label: "timeout",
  }),
};

/** Layered layout: each node one row below its deepest predecessor, rows centred, so the canvas opens readable. */
export function define(nodes: SeedNode[], edges: SeedEdge[]): SeedDefinition {
  const depth = new Map<string, number>(nodes.filter((n) => n.kind === "entry").map((n) => [n.id, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    for (const edge of edges) {
      const d = (depth.get(edge.source) ?? -1) + 1;
      if (d > 0 && d > (depth.get(edge.target) ?? -1) && d <= nodes.length) depth.set(edge.target, d);
    }
  }
  const rows = new Map<number, SeedNode[]>();
  for (const n of nodes) rows.set(depth.get(n.id) ?? 0, [...(rows.get(depth.get(n.id) ?? 0) ?? []), n]);
  for (const [row, members] of rows) {
    members.forEach((n, i) => {
      n.position = { x: Math.round((i - (members.length - 1) / 2) * 260), y: row * 150 };
    });
  }
  return { formatVersion: 1, nodes, edges };
}
