import type { BudgetLedger, LlmSettings, ModelDataPolicy } from "@northstar/agent";
import { DEFAULT_MODEL_DATA_POLICY, modelFeatures, renderDeliverable } from "@northstar/agent";
import { type CustomerFacts, readCustomerField } from "@northstar/core";
import type { Guardrails, MessageConfig } from "@northstar/journey";

export interface RenderedMessage {
  subject: string | null;
  /** HTML for email, plain text for the other channels. */
  body: string;
  text: string;
  /** Original targets of the tracked links, by index in the click URL. */
  links: string[];
}

/**
 * A message written for one customer before tracking: variables filled (escaped in HTML), `{{unsubscribe_url}}`
 * still a placeholder. This is what a reviewer sees and may edit, and what is sent once tracking is added.
 */
export interface ComposedMessage {
  subject: string | null;
  body: string;
  /** "llm", "template:<id>@<version>" or "template:brief@<version>". */
  renderedBy: string;
  llmFallbackReason?: string;
}

export interface ComposeInput {
  config: MessageConfig;
  customer: CustomerFacts;
  guardrails: Guardrails;
  /** Briefs are written by the model when set (any failure falls back to the template). */
  llm?: { settings: LlmSettings; budget: BudgetLedger; dailyBudgetUsd?: number; now: () => Date };
  /** What the model may see of the customer (default: every trait except personal ones, no first name). */
  modelDataPolicy?: ModelDataPolicy;
  /** The journey's objective, stated in the brief's prompt. */
  objective?: { name: string; description?: string };
}

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

function resolveVariable(customer: CustomerFacts, expression: string): string {
  const path = expression.trim().replace(/^customer\./, "");
  const value = readCustomerField(customer, path);
  return value === undefined || value === null ? "" : String(value);
}

/** The built-in link variables: URLs we build ourselves, inserted verbatim. Everything else is escaped in HTML. */
const BUILT_IN_LINKS = new Set(["unsubscribe_url", "unsubscribe_link"]);
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function substitute(template: string, values: Record<string, string>, html: boolean): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (BUILT_IN_LINKS.has(name)) return whole;
    // Own properties only: a placeholder named `constructor` must not reach Object.prototype's.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) return whole;
    return html ? escapeHtml(value) : value;
  });
}

/**
 * What a brief's text is personalised with once written: the customer's scalar traits, never their addresses. Filled
 * in here, after the model answered: the model itself sees only `modelFeatures` under the workspace's policy.
 */
function briefFeatures(customer: CustomerFacts) {
  const features: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(customer.traits)) {
    if (["string", "number", "boolean"].includes(typeof value) && !/^(e-?mail|phone)$/i.test(name)) {
      features[name] = value as string | number | boolean;
    }
  }
  return features;
}

/** Plain text (a brief's rendering) as email HTML: paragraphs, the unsubscribe placeholder as a link, no pixel. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\{\{\s*tracking_pixel\s*\}\}/g, "").trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) =>
      /^\{\{\s*unsubscribe_(url|link)\s*\}\}$/.test(paragraph)
        ? '<p style="font-size:12px;color:#64748b"><a href="{{unsubscribe_url}}">Unsubscribe</a></p>'
        : `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`,
    )
    .join("");
}

/**
 * Writes a message for one customer. A template substitutes its variables (escaped in HTML); a brief is written per
 * customer by the LLM when configured, else by the versioned brief template (packages/agent renderDeliverable).
 */
export async function composeMessage({
  config,
  customer,
  guardrails,
  llm,
  modelDataPolicy,
  objective,
}: ComposeInput): Promise<ComposedMessage> {
  const isEmail = config.channel === "email";
  const content = config.content;
  if (content.mode === "template") {
    const values: Record<string, string> = {};
    for (const [name, expression] of Object.entries(content.variables))
      values[name] = resolveVariable(customer, expression);
    return {
      subject: content.subject ? substitute(content.subject, values, false) : null,
      body: substitute(content.body, values, isEmail),
      renderedBy: `template:${content.templateId}@${content.version}`,
    };
  }
  const rendered = await renderDeliverable(
    content,
    { id: "customer", features: briefFeatures(customer) },
    {
      channel: config.channel,
      purpose: config.purpose,
      guardrails,
      ...(llm ? { llm } : {}),
      promptFeatures: modelFeatures(customer.traits, modelDataPolicy ?? DEFAULT_MODEL_DATA_POLICY),
      ...(objective ? { objective } : {}),
    },
  );
  const { subject, body } = rendered.deliverable;
  return {
    subject: isEmail ? (subject ?? "") : null,
    body: isEmail
      ? textToHtml(body)
      : body
          .replace(PLACEHOLDER, (whole, name: string) =>
            name === "tracking_pixel" || BUILT_IN_LINKS.has(name) ? "" : whole,
          )
          .trim(),
    renderedBy: rendered.renderedBy,
    ...(rendered.llmFallbackReason ? { llmFallbackReason: rendered.llmFallbackReason } : {}),
  };
}

const toText = (html: string) =>
  html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g, "$2 ($1)")
    .replace(/<img[^>]*>/g, "")
    .replace(/<br>/g, "\n")
    .replace(/<\/p>\s*/g, "\n\n")
    .replace(/<[^>]+>/g, "")
    .trim();

/** The unsubscribe page of a message: the body's link and the List-Unsubscribe header's one-click URL. */
export function unsubscribeUrl(publicUrl: string, trackingToken: string): string {
  return `${publicUrl.replace(/\/$/, "")}/t/u/${trackingToken}`;
}

/**
 * Adds tracking to a composed message: emails get click-tracked links, an open pixel and the unsubscribe link
 * (appended when the body has no {{unsubscribe_url}}); other channels are sent as written.
 */
export function finishMessage(
  composed: Pick<ComposedMessage, "subject" | "body">,
  channel: MessageConfig["channel"],
  publicUrl: string,
  trackingToken: string,
): RenderedMessage {
  if (channel !== "email") return { subject: composed.subject, body: composed.body, text: composed.body, links: [] };
  const base = publicUrl.replace(/\/$/, "");
  const unsubscribe = unsubscribeUrl(publicUrl, trackingToken);
  const links: string[] = [];
  let html = composed.body
    .replace(PLACEHOLDER, (whole, name: string) => (BUILT_IN_LINKS.has(name) ? unsubscribe : whole))
    .replace(/href="(https?:\/\/[^"]+)"/g, (whole, url: string) => {
      if (url === unsubscribe) return whole;
      links.push(url.replaceAll("&amp;", "&"));
      return `href="${base}/t/c/${trackingToken}/${links.length - 1}"`;
    });
  if (!html.includes(unsubscribe)) {
    html += `<p style="font-size:12px;color:#64748b"><a href="${unsubscribe}">Unsubscribe</a></p>`;
  }
  html += `<img src="${base}/t/o/${trackingToken}" width="1" height="1" alt="" />`;
  return { subject: composed.subject || "(no subject)", body: html, text: toText(html), links };
}
