import type { Channel, Guardrails, MessageConfig, MessagePurpose } from "@northstar/journey";
import type { DeliverableField, GuardrailBlock } from "./blocks";
import { lintDeliverable } from "./content-lint";

/** Before sending, the runtime gives every email an open pixel and (when the body has none) an unsubscribe link. */
const ADDED_TO_EMAIL = "\n{{unsubscribe_url}}\n{{tracking_pixel}}";

/**
 * The guardrails' verdict on a message as it will go out: banned phrases, claims needing review, a discount above
 * the ceiling (the brief's, when lower), an empty subject or body. Shared by the runtime's send path, a reviewer's
 * edit and the simulator, so an edit is accepted, and a simulated send goes out, exactly when the runtime would send.
 */
export function lintOutgoing(
  message: { channel: Channel; purpose: MessagePurpose; subject: string | null; body: string },
  guardrails: Guardrails,
  content?: MessageConfig["content"],
): GuardrailBlock[] {
  const isEmail = message.channel === "email";
  return lintDeliverable(
    {
      channel: message.channel,
      purpose: message.purpose,
      ...(isEmail ? { subject: message.subject ?? "" } : {}),
      body: isEmail && message.body.trim() ? message.body + ADDED_TO_EMAIL : message.body,
    },
    guardrails,
    { briefMaxDiscountPercent: content?.mode === "brief" ? (content.offer?.maxDiscountPercent ?? 0) : undefined },
  ).blocks;
}

/**
 * The blocks' reasons under each field they name (`<prefix><field>`), as a form shows them: a phrase in the subject
 * and the body is under both. A block that names no field (none from the content lint) is the body's.
 */
export function fieldErrorsOf(blocks: readonly GuardrailBlock[], prefix = ""): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const block of blocks) {
    const fields: readonly DeliverableField[] = block.fields?.length ? block.fields : ["body"];
    for (const field of fields) (fieldErrors[`${prefix}${field}`] ??= []).push(block.reason);
  }
  return fieldErrors;
}
