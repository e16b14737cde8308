import { randomBytes } from "node:crypto";
import { enqueue, TASKS } from "@northstar/core";
import type { MessageConfig, PlanStepOf } from "@northstar/journey";
import { renderMessage } from "../channels/render";
import type { StepContext, StepResult } from "./step-context";

export interface MessageStepOptions {
  publicUrl: string;
  sendMaxAttempts: number;
}

function recipient(config: MessageConfig, customer: { email: string | null; phone: string | null; id: string }) {
  if (config.channel === "email") return customer.email;
  if (config.channel === "sms") return customer.phone;
  if (config.channel === "push") return customer.id;
  return `${config.webhook.method} ${config.webhook.url}`;
}

/**
 * A send step writes the rendered message to the outbox under its idempotency key (enrollment + step + the
 * enrollment's transition counter `seq`) and queues its delivery; the step then moves on. Holdout customers, missing
 * consent or address skip the send (logged as the step's outcome). A re-run of the same transition finds the key
 * taken and creates nothing, while a later visit of the same step (a loop through a wait) is a new transition and
 * sends again.
 */
export async function messageStep(ctx: StepContext, options: MessageStepOptions): Promise<StepResult> {
  const step = ctx.step as PlanStepOf<"message">;
  const next = step.successors[0]?.edgeId;
  const advance = (outcome: string): StepResult =>
    next
      ? { type: "advance", edgeId: next, outcome }
      : { type: "finish", state: "EXITED", reason: "dead_end", outcome };
  if (ctx.enrollment.holdout) return advance("suppressed: holdout");
  const customer = await ctx.customer();
  const config = step.config;
  const consentNeeded = ctx.plan.plan.guardrails.consentRequired[config.channel];
  if (config.channel === "email" && customer.unsubscribedAt && config.purpose === "marketing") {
    return advance("skipped: unsubscribed");
  }
  if (consentNeeded && customer.consent[config.channel] !== true)
    return advance(`skipped: no ${config.channel} consent`);
  const to = recipient(config, customer);
  if (!to) return advance(`skipped: no ${config.channel} address`);

  const trackingToken = randomBytes(18).toString("base64url");
  const rendered = renderMessage({ config, customer, publicUrl: options.publicUrl, trackingToken });
  const idempotencyKey = `${ctx.enrollment.id}:${step.id}:${ctx.enrollment.seq}`;
  const created = await ctx.tx.message.createManyAndReturn({
    data: {
      workspaceId: ctx.enrollment.workspaceId,
      enrollmentId: ctx.enrollment.id,
      journeyId: ctx.enrollment.journeyId,
      stepId: step.id,
      customerId: customer.id,
      idempotencyKey,
      channel: config.channel,
      to,
      subject: rendered.subject,
      body: rendered.body,
      text: rendered.text,
      links: rendered.links,
      trackingToken,
    },
    skipDuplicates: true,
    select: { id: true },
  });
  const message = created[0];
  if (!message) return advance("already sent by an earlier visit");
  await enqueue(
    ctx.tx,
    TASKS.sendMessage,
    { messageId: message.id },
    {
      jobKey: `send:${message.id}`,
      maxAttempts: options.sendMaxAttempts,
    },
  );
  return advance(`queued ${config.channel} to ${config.channel === "email" ? maskEmail(to) : config.channel}`);
}

/** Logs keep enough to recognise a recipient without spelling the address out. */
function maskEmail(address: string): string {
  const [user = "", domain = ""] = address.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
}
