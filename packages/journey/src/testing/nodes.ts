import type { EdgeOption, JourneyEdge } from "../schema/edge";
import type { JourneyNodeOf, NodeConfigOf } from "../schema/node";
import type { Position } from "../schema/primitives";

/** Node and edge factories with valid, realistic defaults; pass a partial config to change what a test is about. */
type Extras = { position?: Position; name?: string };

const place = (extras: Extras | undefined) => ({
  position: extras?.position ?? { x: 0, y: 0 },
  ...(extras?.name !== undefined ? { name: extras.name } : {}),
});

export function entryNode(
  id: string,
  config: Partial<NodeConfigOf<"entry">> = {},
  extras?: Extras,
): JourneyNodeOf<"entry"> {
  return {
    id,
    kind: "entry",
    ...place(extras),
    config: {
      trigger: { type: "event", event: "signed_up", filters: [{ property: "plan", operator: "eq", value: "trial" }] },
      reentry: "never",
      holdoutShare: 0.05,
      ...config,
    },
  };
}

export function agentNode(
  id: string,
  config: Partial<NodeConfigOf<"agent">> = {},
  extras?: Extras,
): JourneyNodeOf<"agent"> {
  return {
    id,
    kind: "agent",
    ...place(extras),
    config: { decides: "path", policy: "learning", exploration: 0.1, minConfidence: 0.6, ...config },
  };
}

/** A marketing email from a brief that requires the unsubscribe link, unless the config says otherwise. */
export function messageNode(
  id: string,
  config: Partial<NodeConfigOf<"message">> = {},
  extras?: Extras,
): JourneyNodeOf<"message"> {
  return {
    id,
    kind: "message",
    ...place(extras),
    config: {
      channel: "email",
      purpose: "marketing",
      content: {
        mode: "brief",
        keyMessage: "Finish setting up your workspace to get your first report.",
        tone: "friendly",
        offer: { maxDiscountPercent: 10 },
        requiredElements: ["unsubscribe_link", "cta"],
      },
      ...config,
    } as NodeConfigOf<"message">,
  };
}

export function smsNode(id: string, extras?: Extras): JourneyNodeOf<"message"> {
  return messageNode(
    id,
    {
      channel: "sms",
      content: {
        mode: "template",
        templateId: "sms-nudge",
        version: 1,
        body: "Hi {{firstName}}, your trial ends soon.",
        variables: { firstName: "customer.firstName" },
      },
    },
    extras,
  );
}

export function waitNode(
  id: string,
  config: NodeConfigOf<"wait"> = { type: "duration", minutes: 1_440 },
  extras?: Extras,
): JourneyNodeOf<"wait"> {
  return { id, kind: "wait", ...place(extras), config };
}

export function reviewNode(
  id: string,
  config: Partial<NodeConfigOf<"review">> = {},
  extras?: Extras,
): JourneyNodeOf<"review"> {
  return { id, kind: "review", ...place(extras), config: { approverRole: "manager", slaHours: 24, ...config } };
}

export function goalNode(id: string, extras?: Extras): JourneyNodeOf<"goal"> {
  return { id, kind: "goal", ...place(extras), config: {} };
}

export function exitNode(
  id: string,
  reason: NodeConfigOf<"exit">["reason"] = "explicit",
  extras?: Extras,
): JourneyNodeOf<"exit"> {
  return { id, kind: "exit", ...place(extras), config: { reason } };
}

export function ruleSplitNode(id: string, extras?: Extras): JourneyNodeOf<"rule_split"> {
  return { id, kind: "rule_split", ...place(extras), config: {} };
}

export function edge(
  id: string,
  source: string,
  target: string,
  extras: Partial<Omit<JourneyEdge, "id" | "source" | "target">> = {},
): JourneyEdge {
  return { id, source, target, ...extras };
}

/** An agent option edge with a label and description the agent can read. */
export function optionEdge(id: string, source: string, target: string, option: Partial<EdgeOption> = {}): JourneyEdge {
  return edge(id, source, target, {
    option: {
      label: option.label ?? `Go to ${target}`,
      description: option.description ?? `Send the customer to ${target}.`,
      eligibility: option.eligibility ?? [],
    },
  });
}

/** A rule-split branch: rules on `field`, or the else branch when `field` is null. */
export function branchEdge(id: string, source: string, target: string, field: string | null): JourneyEdge {
  return edge(id, source, target, {
    condition:
      field === null
        ? { type: "else" }
        : { type: "rules", match: "all", rules: [{ field, operator: "eq", value: true }] },
  });
}
