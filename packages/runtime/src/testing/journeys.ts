import {
  agentNode,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
  defineJourney,
} from "@northstar/journey/testing";
import type { JourneyDefinition } from "@northstar/journey";

const template = (variant: string) => ({
  mode: "template" as const,
  templateId: `welcome-${variant}`,
  version: 1,
  subject: `Welcome {{firstName}} (${variant})`,
  body: `<p>Hi {{firstName}}, variant ${variant}.</p><p><a href="https://shop.example.test/start?v=${variant}">Start</a></p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
  variables: { firstName: "customer.firstName" },
});

/**
 * signed_up (plan = trial) -> agent picks email A or B (SMS only with SMS consent) -> wait until the link is
 * clicked (timeout -> exit) -> goal.
 */
export function clickJourney(options: { holdoutShare?: number; timeoutMinutes?: number } = {}): JourneyDefinition {
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: options.holdoutShare ?? 0, reentry: "never" }),
      agentNode("choose", { fallbackOptionEdgeId: "opt-a", minConfidence: 0 }),
      messageNode("email-a", { channel: "email", purpose: "marketing", content: template("A") }),
      messageNode("email-b", { channel: "email", purpose: "marketing", content: template("B") }),
      messageNode("sms", {
        channel: "sms",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "sms",
          version: 1,
          body: "Hi {{firstName}}",
          variables: { firstName: "firstName" },
        },
      }),
      waitNode("wait-click", {
        type: "until_event",
        event: "Email Link Clicked",
        timeoutMinutes: options.timeoutMinutes ?? 60,
      }),
      goalNode("goal"),
      exitNode("timeout-exit", "expired"),
    ],
    [
      edge("entry-choose", "entry", "choose"),
      optionEdge("opt-a", "choose", "email-a", { label: "Email A" }),
      optionEdge("opt-b", "choose", "email-b", { label: "Email B" }),
      optionEdge("opt-sms", "choose", "sms", {
        label: "SMS",
        eligibility: [{ field: "consent.sms", operator: "eq", value: true }],
      }),
      edge("a-wait", "email-a", "wait-click"),
      edge("b-wait", "email-b", "wait-click"),
      edge("sms-wait", "sms", "wait-click"),
      edge("wait-goal", "wait-click", "goal"),
      edge("wait-timeout", "wait-click", "timeout-exit", { sourceHandle: "timeout" }),
    ],
  );
}

/** The benchmark's shape: entry -> agent -> message -> wait (1 minute) -> goal. */
export function benchJourney(waitMinutes = 1): JourneyDefinition {
  return defineJourney(
    [
      entryNode("entry", { holdoutShare: 0, reentry: "never" }),
      agentNode("choose", { fallbackOptionEdgeId: "opt-a", minConfidence: 0 }),
      messageNode("msg-a", { channel: "email", purpose: "marketing", content: template("A") }),
      messageNode("msg-b", { channel: "email", purpose: "marketing", content: template("B") }),
      waitNode("wait", { type: "duration", minutes: waitMinutes }),
      goalNode("goal"),
    ],
    [
      edge("entry-choose", "entry", "choose"),
      optionEdge("opt-a", "choose", "msg-a", { label: "A" }),
      optionEdge("opt-b", "choose", "msg-b", { label: "B" }),
      edge("a-wait", "msg-a", "wait"),
      edge("b-wait", "msg-b", "wait"),
      edge("wait-goal", "wait", "goal"),
    ],
  );
}
