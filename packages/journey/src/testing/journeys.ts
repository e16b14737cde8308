import { JOURNEY_FORMAT_VERSION, type JourneyDefinition } from "../schema/definition";
import type { JourneyEdge } from "../schema/edge";
import { DEFAULT_GUARDRAILS, type Guardrails, type GuardrailsOverride } from "../schema/guardrails";
import type { JourneyNode } from "../schema/node";
import type { CompileContext } from "../compile/context";
import { agentNode, entryNode, exitNode, goalNode, messageNode, optionEdge, edge, smsNode, waitNode } from "./nodes";

export function defineJourney(nodes: JourneyNode[], edges: JourneyEdge[]): JourneyDefinition {
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes, edges };
}

/**
 * A small valid journey: a trial sign-up enters, an agent picks email or SMS, the customer waits a day, then a goal.
 * Pass nodes/edges to replace them; the result is always a fresh object.
 */
export function buildJourney(overrides: { nodes?: JourneyNode[]; edges?: JourneyEdge[] } = {}): JourneyDefinition {
  const nodes = overrides.nodes ?? [
    entryNode("entry", {}, { position: { x: 0, y: 0 }, name: "Trial sign-up" }),
    agentNode(
      "choose",
      { fallbackOptionEdgeId: "choose-email" },
      { position: { x: 0, y: 120 }, name: "Best first touch" },
    ),
    messageNode("welcome-email", {}, { position: { x: -160, y: 240 }, name: "Welcome email" }),
    smsNode("welcome-sms", { position: { x: 160, y: 240 }, name: "Welcome SMS" }),
    waitNode(
      "wait-day",
      { type: "until_event", event: "report_created", timeoutMinutes: 1_440 },
      { position: { x: 0, y: 360 } },
    ),
    goalNode("goal", { position: { x: -80, y: 480 }, name: "First report" }),
    exitNode("exit", "expired", { position: { x: 80, y: 480 } }),
  ];
  const edges = overrides.edges ?? [
    edge("entry-choose", "entry", "choose"),
    optionEdge("choose-email", "choose", "welcome-email", {
      label: "Email",
      description: "A welcome email with a setup checklist.",
    }),
    optionEdge("choose-sms", "choose", "welcome-sms", {
      label: "SMS",
      description: "A short SMS nudge.",
      eligibility: [{ field: "consent.sms", operator: "eq", value: true }],
    }),
    edge("email-wait", "welcome-email", "wait-day"),
    edge("sms-wait", "welcome-sms", "wait-day"),
    edge("wait-goal", "wait-day", "goal"),
    edge("wait-timeout", "wait-day", "exit", { sourceHandle: "timeout" }),
  ];
  return structuredClone(defineJourney(nodes, edges));
}

export const TEST_OBJECTIVE = {
  id: "obj-activation",
  name: "Trial activation",
  metric: { event: "report_created", aggregation: "count", windowDays: 14, direction: "increase" },
};

/** A valid compile context: a known objective, default guardrails, no activity. */
export function compileContext(
  overrides: Partial<CompileContext> & { global?: Guardrails; override?: GuardrailsOverride | null } = {},
): CompileContext {
  const { global, override, ...rest } = overrides;
  return {
    objective: TEST_OBJECTIVE,
    knownObjectiveIds: [TEST_OBJECTIVE.id],
    guardrails: { global: global ?? structuredClone(DEFAULT_GUARDRAILS), override: override ?? null },
    ...rest,
  };
}
