import {
  compile,
  DEFAULT_GUARDRAILS,
  type ExecutionPlan,
  type JourneyDefinition,
  type QuietHours,
} from "@northstar/journey";
import {
  agentNode,
  chainJourney,
  compileContext,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "@northstar/journey/testing";

/** A marketing email template that passes the content lint (subject, unsubscribe link, open pixel). */
export const LINT_CLEAN_EMAIL = {
  mode: "template" as const,
  templateId: "welcome",
  version: 1,
  subject: "Welcome aboard",
  body: "Hi {{firstName}}, your workspace is ready. {{unsubscribe_url}} {{tracking_pixel}}",
  variables: { firstName: "customer.firstName" },
};

export interface KnownPlanOptions {
  holdoutShare?: number;
  quietHours?: QuietHours | null;
  /** Event the customer waits for after the email, and for how long. */
  awaitEvent?: string;
  timeoutMinutes?: number;
  frequencyCaps?: (typeof DEFAULT_GUARDRAILS)["frequencyCaps"];
}

/**
 * entry -> welcome email -> wait for an event (or time out) -> goal / exit: the volumes it implies are known in
 * closed form (holdout share, quiet-hours share of the day, the event's probability within the timeout).
 */
export function knownJourney(options: KnownPlanOptions = {}): JourneyDefinition {
  const definition = chainJourney(
    [
      entryNode("entry", { holdoutShare: options.holdoutShare ?? 0.5 }),
      messageNode("email", { channel: "email", purpose: "marketing", content: LINT_CLEAN_EMAIL }),
      waitNode("wait", {
        type: "until_event",
        event: options.awaitEvent ?? "setup_completed",
        timeoutMinutes: options.timeoutMinutes ?? 1_440,
      }),
      goalNode("goal"),
    ],
    [edge("wait-timeout", "wait", "exit", { sourceHandle: "timeout" })],
  );
  definition.nodes.push(exitNode("exit", "expired"));
  return definition;
}

/** `knownJourney` compiled under the default guardrails with the given quiet hours (none by default) and caps. */
export function knownPlan(options: KnownPlanOptions = {}): ExecutionPlan {
  const definition = knownJourney(options);
  const global = {
    ...structuredClone(DEFAULT_GUARDRAILS),
    quietHours: options.quietHours === undefined ? null : options.quietHours,
    ...(options.frequencyCaps ? { frequencyCaps: options.frequencyCaps } : {}),
  };
  const result = compile(definition, compileContext({ global }));
  if (!result.plan) throw new Error(`knownPlan does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}

/**
 * entry -> agent (the canvas's default settings: learning policy, 10% exploration, 60% minimum confidence, first
 * option as fallback) choosing one of three emails -> goal, under the default guardrails.
 */
export function agentPlan(
  agent: Partial<{ exploration: number; minConfidence: number }> = {},
  options: { sendNothing?: boolean } = {},
): ExecutionPlan {
  const email = (id: string) => messageNode(id, { channel: "email", purpose: "marketing", content: LINT_CLEAN_EMAIL });
  const definition: JourneyDefinition = {
    formatVersion: 1,
    nodes: [
      entryNode("entry", { holdoutShare: 0 }),
      agentNode("choose", {
        decides: "message",
        policy: "learning",
        exploration: 0.1,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-a",
        ...agent,
      }),
      email("email-a"),
      email("email-b"),
      email("email-c"),
      goalNode("goal"),
      ...(options.sendNothing ? [exitNode("rest", "explicit")] : []),
    ],
    edges: [
      edge("entry-choose", "entry", "choose"),
      optionEdge("opt-a", "choose", "email-a"),
      optionEdge("opt-b", "choose", "email-b"),
      optionEdge("opt-c", "choose", "email-c"),
      edge("a-goal", "email-a", "goal"),
      edge("b-goal", "email-b", "goal"),
      edge("c-goal", "email-c", "goal"),
      ...(options.sendNothing ? [optionEdge("opt-none", "choose", "rest", { label: "Send nothing" })] : []),
    ],
  };
  const result = compile(definition, compileContext());
  if (!result.plan) throw new Error(`agentPlan does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.plan;
}
