import type { NodeConfigOf, NodeKind } from "@northstar/journey";

/**
 * What the palette offers per kind: a label, a one-line explanation and the config a new node starts with.
 * Defaults are valid wherever a sensible value exists; free-text fields a marketer must decide (the event name,
 * the key message) start empty so compile points at them instead of shipping a placeholder.
 */
export interface KindInfo<K extends NodeKind = NodeKind> {
  kind: K;
  label: string;
  hint: string;
  defaultConfig: () => NodeConfigOf<K> | Record<string, unknown>;
}

export const NODE_CATALOG: { [K in NodeKind]: KindInfo<K> } = {
  entry: {
    kind: "entry",
    label: "Entry",
    hint: "Customers enter on an event or a segment",
    defaultConfig: () => ({ trigger: { type: "event", event: "", filters: [] }, reentry: "never", holdoutShare: 0.05 }),
  },
  agent: {
    kind: "agent",
    label: "Agent decides",
    hint: "Picks the best option per customer for the objective",
    defaultConfig: () => ({ decides: "path", policy: "learning", exploration: 0.1, minConfidence: 0.6 }),
  },
  message: {
    kind: "message",
    label: "Message",
    hint: "Email, SMS, push or webhook from a brief",
    defaultConfig: () => ({
      channel: "email",
      purpose: "marketing",
      content: { mode: "brief", keyMessage: "", tone: "friendly", requiredElements: ["unsubscribe_link", "cta"] },
    }),
  },
  wait: {
    kind: "wait",
    label: "Wait",
    hint: "A delay, an event with timeout, or the agent's send time",
    defaultConfig: () => ({ type: "duration", minutes: 1_440 }),
  },
  review: {
    kind: "review",
    label: "Human review",
    hint: "Pauses until an approver acts",
    defaultConfig: () => ({ approverRole: "manager", slaHours: 24 }),
  },
  goal: { kind: "goal", label: "Goal", hint: "The objective is met", defaultConfig: () => ({}) },
  exit: {
    kind: "exit",
    label: "Exit",
    hint: "The customer leaves the journey",
    defaultConfig: () => ({ reason: "explicit" }),
  },
  rule_split: {
    kind: "rule_split",
    label: "Rule split",
    hint: "Legacy if/then; prefer an agent node",
    defaultConfig: () => ({}),
  },
};

/** Palette order: the objective-first path first, legacy last. */
export const PALETTE_KINDS: NodeKind[] = ["entry", "agent", "message", "wait", "review", "goal", "exit", "rule_split"];

/** Short random ids: stable once created, readable in diagnostics ("message-3fa9c1"). */
export function newId(prefix: string): string {
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID().replaceAll("-", "").slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${prefix}-${random}`;
}
