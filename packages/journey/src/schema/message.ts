import { z } from "zod";
import { LIMITS } from "./limits";
import { idSchema, shortTextSchema, textSchema } from "./primitives";

/** Required element that makes a marketing email compliant; see MISSING_UNSUBSCRIBE. */
export const UNSUBSCRIBE_ELEMENT = "unsubscribe_link";
/** Placeholders that render the unsubscribe link in a template body. */
export const UNSUBSCRIBE_PLACEHOLDER = /\{\{\s*(unsubscribe_url|unsubscribe_link)\s*\}\}/;

export const briefContentSchema = z.strictObject({
  mode: z.literal("brief"),
  keyMessage: z.string().min(1).max(LIMITS.maxTextLength),
  tone: shortTextSchema,
  offer: z.strictObject({ maxDiscountPercent: z.number().min(0).max(100).optional() }).optional(),
  /** Elements the rendered message must contain, e.g. "unsubscribe_link", "cta". */
  requiredElements: z.array(z.string().min(1).max(64)).max(LIMITS.maxListItems),
});

export const templateContentSchema = z.strictObject({
  mode: z.literal("template"),
  templateId: idSchema,
  version: z.number().int().min(1),
  subject: z.string().min(1).max(LIMITS.maxShortTextLength).optional(),
  body: z.string().min(1).max(LIMITS.maxBodyLength),
  /** Template variable -> source expression, e.g. { firstName: "customer.firstName" }. */
  variables: z.record(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an identifier")
      .max(64),
    textSchema,
  ),
});

export const messageContentSchema = z.discriminatedUnion("mode", [briefContentSchema, templateContentSchema]);
export type MessageContent = z.infer<typeof messageContentSchema>;
export type BriefContent = z.infer<typeof briefContentSchema>;
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const MESSAGE_PURPOSES = ["marketing", "transactional"] as const;
const purposeSchema = z.enum(MESSAGE_PURPOSES);

export const webhookTargetSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.maxTextLength),
  method: z.enum(["POST", "PUT", "PATCH"]),
});

const deliveredMessage = <C extends "email" | "sms" | "push">(channel: C) =>
  z.strictObject({ channel: z.literal(channel), purpose: purposeSchema, content: messageContentSchema });

/** A send. Sends are irreversible: the runtime gives each one an idempotency key (enrollment + step). */
export const messageConfigSchema = z.discriminatedUnion("channel", [
  deliveredMessage("email"),
  deliveredMessage("sms"),
  deliveredMessage("push"),
  z.strictObject({
    channel: z.literal("webhook"),
    purpose: purposeSchema,
    content: messageContentSchema,
    webhook: webhookTargetSchema,
  }),
]);
export type MessageConfig = z.infer<typeof messageConfigSchema>;
export type MessagePurpose = z.infer<typeof purposeSchema>;
