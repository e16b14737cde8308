import {
  type CustomerDecision,
  type DecisionExplanation,
  explainDecision,
  overruledText,
} from "~/lib/decisions/explain-decision";

/**
 * One line of a customer's timeline, merged from events, journey entries and exits, decisions, guardrail blocks and
 * messages.
 */
export interface TimelineEntry {
  id: string;
  at: Date;
  kind: "event" | "enrollment" | "exit" | "decision" | "block" | "message";
  title: string;
  detail?: string;
  href?: string;
  /** Decisions carry their explanation. */
  decision?: DecisionExplanation;
}

interface TimelineInput {
  events: { id: string; type: string; name: string | null; properties: unknown; traits?: unknown; timestamp: Date }[];
  enrollments: {
    id: string;
    journeyId: string;
    journeyName: string;
    state: string;
    holdout: boolean;
    exitReason: string | null;
    enteredAt: Date;
    finishedAt: Date | null;
  }[];
  /** From `decisions.forCustomer`: decisions with their explanation, and guardrail blocks with their reason. */
  explanations: (
    | (CustomerDecision & { type: "decision"; at: Date; journey: { id: string; name: string } })
    | {
        type: "guardrail_block";
        id: string;
        at: Date;
        journey: { id: string; name: string };
        step: { id: string; name: string };
        channel: string;
        code: string;
        reason: string;
        action: string;
      }
  )[];
  messages: { id: string; channel: string; subject: string | null; status: string; createdAt: Date }[];
}

const BLOCK_ACTION: Record<string, string> = {
  skip: "Guardrail skipped",
  delay: "Guardrail delayed",
  review: "Guardrail held for review",
};

function compact(value: unknown): string | undefined {
  if (!value || (typeof value === "object" && Object.keys(value).length === 0)) return undefined;
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

const stringOf = (value: unknown, key: string): string | undefined => {
  const field = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === "string" ? field : undefined;
};

/** How each Segment call type reads on the timeline. */
export function eventLine(e: TimelineInput["events"][number]): { title: string; detail?: string } {
  switch (e.type) {
    case "track":
      return { title: `Did “${e.name}”`, detail: compact(e.properties) };
    case "identify":
      return { title: "Identified", detail: compact(e.traits) };
    case "page":
    case "screen":
      return { title: `Viewed ${e.type}${e.name ? ` “${e.name}”` : ""}`, detail: compact(e.properties) };
    case "group":
      return { title: `In group “${stringOf(e.properties, "groupId") ?? "?"}”`, detail: compact(e.traits) };
    case "alias":
      return { title: `Also known as “${stringOf(e.properties, "previousId") ?? "?"}”` };
    default:
      return { title: e.type, detail: compact(e.properties) };
  }
}

/**
 * Newest first. Decisions show the chosen option by its label as the policy saw it (and the agent's proposal when a
 * reviewer chose another option), with their explanation.
 */
export function timelineEntries(t: TimelineInput): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...t.events.map((e) => ({
      id: `event-${e.id}`,
      at: e.timestamp,
      kind: "event" as const,
      ...eventLine(e),
    })),
    ...t.enrollments.map((e) => ({
      id: `enter-${e.id}`,
      at: e.enteredAt,
      kind: "enrollment" as const,
      title: `Entered ${e.journeyName}${e.holdout ? " (holdout: never messaged)" : ""}`,
      detail: e.finishedAt ? undefined : `now ${e.state.toLowerCase()}`,
      href: `/journeys/${e.journeyId}`,
    })),
    ...t.enrollments
      .filter((e) => e.finishedAt)
      .map((e) => ({
        id: `exit-${e.id}`,
        at: e.finishedAt as Date,
        kind: "exit" as const,
        title: `${e.state === "COMPLETED" ? "Reached the goal of" : "Left"} ${e.journeyName}`,
        detail: e.exitReason ?? undefined,
      })),
    ...t.explanations.map((x) =>
      x.type === "decision"
        ? {
            id: `decision-${x.id}`,
            at: x.at,
            kind: "decision" as const,
            title: `${overruledText(x) ?? `Agent chose “${x.chosen.label}”`} in ${x.journey.name}`,
            detail: `at ${x.step.name}${x.needsReview ? " · asked a person: confidence below the node's minimum" : ""}`,
            href: `/journeys/${x.journey.id}/decisions?step=${encodeURIComponent(x.step.id)}`,
            decision: explainDecision(x),
          }
        : {
            id: `block-${x.id}`,
            at: x.at,
            kind: "block" as const,
            title: `${BLOCK_ACTION[x.action] ?? x.action} ${x.channel} at ${x.step.name} in ${x.journey.name}: ${x.code}`,
            detail: x.reason,
          },
    ),
    ...t.messages.map((m) => ({
      id: `message-${m.id}`,
      at: m.createdAt,
      kind: "message" as const,
      title: `${m.channel === "email" ? "Email" : m.channel} “${m.subject ?? "(no subject)"}”`,
      detail: m.status.toLowerCase(),
      href: `/outbox?message=${m.id}`,
    })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}
