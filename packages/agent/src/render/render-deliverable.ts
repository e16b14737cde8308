import type { Channel, Guardrails, MessageContent, MessagePurpose } from "@northstar/journey";
import { z } from "zod";
import type { GuardrailBlock } from "../guardrails/blocks";
import { type Deliverable, lintDeliverable } from "../guardrails/content-lint";
import type { CustomerFeatures } from "../policy/types";
import { type LlmCallContext, structuredCall } from "../llm/structured-call";

/** Version of the built-in brief template; part of every template-rendered deliverable so a change is traceable. */
export const BRIEF_TEMPLATE_VERSION = 1;

export interface RenderOptions {
  channel: Channel;
  purpose: MessagePurpose;
  guardrails: Guardrails;
  /**
   * When set, briefs are written per customer by the model; any failure falls back to the template. The daily budget
   * is `dailyBudgetUsd` when given (the runtime passes the live one), else the guardrails'.
   */
  llm?: Omit<LlmCallContext, "dailyBudgetUsd"> & { dailyBudgetUsd?: number };
  /**
   * What the model may see of the customer (the runtime applies the workspace's data policy for models); the
   * customer's features, which fill the variables of what comes back, when absent.
   */
  promptFeatures?: CustomerFeatures;
  /** The journey's objective, which the prompt states. */
  objective?: { name: string; description?: string };
}

export interface RenderedDeliverable {
  deliverable: Deliverable;
  /** "llm" or "template:<id>@<version>". */
  renderedBy: string;
  /** ready: may be sent; needs_review: a lint block stopped it and a person must approve or edit it. */
  status: "ready" | "needs_review";
  blocks: GuardrailBlock[];
  llmFallbackReason?: string;
}

const answerSchema = z.object({ subject: z.string().max(200), body: z.string().min(1).max(20_000) });
const answerJsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["subject", "body"],
  properties: { subject: { type: "string" }, body: { type: "string" } },
};

const FOOTER = "\n\n{{unsubscribe_url}}\n{{tracking_pixel}}";

/** Replaces {{name}} with the customer's feature `name`; unknown variables render empty, placeholders of the runtime stay. */
export function fillVariables(text: string, features: CustomerFeatures, sources: Record<string, string> = {}) {
  return text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => {
    if (name.startsWith("unsubscribe") || name === "tracking_pixel") return whole;
    // Own properties only: a variable named `constructor` must not reach Object.prototype's.
    const source = (Object.hasOwn(sources, name) ? (sources[name] as string) : name).replace(/^customer\./, "");
    const value = Object.hasOwn(features, source) ? features[source] : undefined;
    return value === undefined || value === null ? "" : String(value);
  });
}

function templateFor(content: Extract<MessageContent, { mode: "brief" }>, options: RenderOptions) {
  const offer =
    content.offer?.maxDiscountPercent !== undefined
      ? `\n\nYour offer: up to ${Math.min(content.offer.maxDiscountPercent, options.guardrails.maxDiscountPercent)}% off.`
      : "";
  const marketingEmail = options.channel === "email" && options.purpose === "marketing";
  return {
    subject: content.keyMessage.split(/[.!?\n]/)[0]?.slice(0, 120) ?? content.keyMessage,
    body: `Hi {{firstName}},\n\n${content.keyMessage}${offer}${marketingEmail ? FOOTER : ""}`,
  };
}

function prompt(
  content: Extract<MessageContent, { mode: "brief" }>,
  features: CustomerFeatures,
  options: RenderOptions,
) {
  const g = options.guardrails;
  const ceiling = Math.min(content.offer?.maxDiscountPercent ?? 100, g.maxDiscountPercent);
  const system =
    `You write one ${options.channel} message for one customer from a marketer's brief. Stay within the brief and ` +
    "the guardrails. Plain text. Answer only with the JSON object requested.";
  const user = [
    `Key message: ${content.keyMessage}`,
    `Tone: ${content.tone}`,
    g.brandVoice ? `Brand voice: ${g.brandVoice}` : "",
    content.offer ? `Discount: at most ${ceiling}%` : "No discount may be offered.",
    content.requiredElements.length > 0 ? `Must contain: ${content.requiredElements.join(", ")}` : "",
    g.bannedPhrases.length > 0 ? `Never write: ${g.bannedPhrases.join("; ")}` : "",
    g.claimsNeedingReview.length > 0
      ? `Claims a person must review before sending (avoid them): ${g.claimsNeedingReview.join("; ")}`
      : "",
    options.objective
      ? `Objective: ${options.objective.name}${options.objective.description ? ` (${options.objective.description})` : ""}`
      : "",
    "To greet the customer by first name, write {{firstName}}; it is filled in after you answer.",
    "",
    "Customer:",
    ...Object.entries(features).map(([k, v]) => `- ${k}: ${JSON.stringify(v)}`),
  ].filter((line, i, all) => line !== "" || all[i + 1] !== undefined);
  return { system, user: user.join("\n") };
}

/**
 * A message node's content for one customer: a brief is written by the LLM when configured (else the versioned
 * template), a template has its variables filled; the result is linted and anything blocked goes to review.
 */
export async function renderDeliverable(
  content: MessageContent,
  customer: { id: string; features: CustomerFeatures },
  options: RenderOptions,
): Promise<RenderedDeliverable> {
  let draft: { subject: string; body: string };
  let renderedBy: string;
  let llmFallbackReason: string | undefined;
  if (content.mode === "template") {
    draft = {
      subject: fillVariables(content.subject ?? "", customer.features, content.variables),
      body: fillVariables(content.body, customer.features, content.variables),
    };
    renderedBy = `template:${content.templateId}@${content.version}`;
  } else {
    draft = templateFor(content, options);
    renderedBy = `template:brief@${BRIEF_TEMPLATE_VERSION}`;
    if (options.llm) {
      const result = await structuredCall(
        { ...options.llm, dailyBudgetUsd: options.llm.dailyBudgetUsd ?? options.guardrails.dailyLlmBudgetUsd },
        {
          ...prompt(content, options.promptFeatures ?? customer.features, options),
          name: "deliverable",
          jsonSchema: answerJsonSchema,
          schema: answerSchema,
        },
      );
      if (result.ok) {
        const marketingEmail = options.channel === "email" && options.purpose === "marketing";
        // The footer is mechanical (the runtime fills it), not the model's to forget.
        draft = { subject: result.value.subject, body: result.value.body + (marketingEmail ? FOOTER : "") };
        renderedBy = "llm";
      } else {
        llmFallbackReason = `${result.code}: ${result.reason}`;
      }
    }
    draft = {
      subject: fillVariables(draft.subject, customer.features),
      body: fillVariables(draft.body, customer.features),
    };
  }
  const deliverable: Deliverable = {
    channel: options.channel,
    purpose: options.purpose,
    ...(options.channel === "email" ? { subject: draft.subject } : {}),
    body: draft.body,
  };
  const lint = lintDeliverable(deliverable, options.guardrails, {
    briefMaxDiscountPercent: content.mode === "brief" ? (content.offer?.maxDiscountPercent ?? 0) : undefined,
  });
  return {
    deliverable,
    renderedBy,
    status: lint.ok ? "ready" : "needs_review",
    blocks: lint.blocks,
    ...(llmFallbackReason ? { llmFallbackReason } : {}),
  };
}
