import { checkSend } from "@northstar/agent";
import type { MessageConfig, PlanStepOf } from "@northstar/journey";
import { reviewVerdictOf } from "../review";
import type { CustomerView, StepInput, StepOutcome, StepPorts } from "../types";
import { follow, only } from "./common";

const HOUR = 3_600_000;

function recipient(config: MessageConfig, customer: CustomerView): string | null {
  if (config.channel === "email") return customer.email;
  if (config.channel === "sms") return customer.phone;
  if (config.channel === "push") return customer.id;
  return `${config.webhook.method} ${config.webhook.url}`;
}

/**
 * A send step. In order: holdout customers are never messaged; unsubscribe, consent and frequency caps (counted
 * across every journey) skip the send; quiet hours in the customer's zone delay it to their end (the customer waits
 * on this step) or skip it; then the message is rendered and linted, and a failing deliverable waits for a human
 * instead of going out. Every block comes back with its code and reason. The step moves on after a send or a skip.
 */
export async function messageStep<C>(input: StepInput, ports: StepPorts<C>): Promise<StepOutcome<C>> {
  const step = input.step as PlanStepOf<"message">;
  const { config } = step;
  const { customer, guardrails, now } = input;
  if (input.enrollment.holdout) return only(follow(step, "suppressed: holdout"));

  const verdict = reviewVerdictOf(input.enrollment.resumedBy);
  if (verdict && !verdict.approved) return only(follow(step, "skipped: reviewer rejected the message"));

  const to = recipient(config, customer);
  if (!to) return only(follow(step, `skipped: no ${config.channel} address`));

  const windowHours = Math.max(
    0,
    ...guardrails.frequencyCaps.filter((c) => c.channel === config.channel).map((c) => c.windowHours),
  );
  const recentSends =
    windowHours > 0 && config.purpose === "marketing"
      ? await ports.recentSends(config.channel, new Date(now.getTime() - windowHours * HOUR))
      : [];
  const check = checkSend({
    channel: config.channel,
    purpose: config.purpose,
    now,
    customer: {
      timeZone: customer.timeZone,
      consent: customer.consent as Record<string, boolean>,
      unsubscribed: customer.unsubscribedAt !== null,
    },
    recentSends,
    guardrails,
    defaultTimeZone: ports.defaultTimeZone,
  });
  if (check.action === "skip") {
    const codes = check.blocks.map((b) => b.code).join(", ");
    return { result: follow(step, `blocked: ${codes}`), blocks: check.blocks };
  }
  if (check.action === "delay") {
    return {
      result: {
        type: "park",
        state: "WAITING",
        until: check.until,
        waitingFor: null,
        outcome: `delayed until ${check.until.toISOString()}: ${check.blocks.map((b) => b.code).join(", ")}`,
      },
      blocks: check.blocks,
    };
  }

  const intent = { stepId: step.id, channel: config.channel, to, config };
  const prepared = await ports.prepareMessage(intent, { approved: verdict?.approved === true });
  if (!prepared.ok) {
    const reason = prepared.blocks.map((b) => b.reason).join(" ");
    return {
      result: {
        type: "park",
        state: "REVIEW",
        until: null,
        waitingFor: "review",
        outcome: `awaiting review: ${prepared.blocks.map((b) => b.code).join(", ")}`,
        review: { kind: "deliverable", reason, blocks: prepared.blocks },
      },
      blocks: prepared.blocks,
    };
  }
  return {
    result: follow(step, `send ${config.channel}`),
    send: { intent, content: prepared.content },
    blocks: [],
  };
}
