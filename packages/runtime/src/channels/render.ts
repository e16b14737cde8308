import { type CustomerFacts, readCustomerField } from "@northstar/core";
import type { MessageConfig } from "@northstar/journey";

export interface RenderInput {
  config: MessageConfig;
  customer: CustomerFacts;
  /** Public base URL of the web app (tracking links). */
  publicUrl: string;
  trackingToken: string;
}

export interface RenderedMessage {
  subject: string | null;
  /** HTML for email, plain text for the other channels. */
  body: string;
  text: string;
  /** Original targets of the tracked links, by index in the click URL. */
  links: string[];
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

function substitute(
  template: string,
  values: Record<string, string>,
  builtIns: Record<string, string>,
  html: boolean,
): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => {
    if (BUILT_IN_LINKS.has(name)) return builtIns[name] ?? whole;
    const value = values[name];
    if (value === undefined) return whole;
    return html ? escapeHtml(value) : value;
  });
}

const firstSentence = (text: string) => {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return sentence.length > 90 ? `${sentence.slice(0, 87)}…` : sentence;
};

const toText = (html: string) =>
  html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g, "$2 ($1)")
    .replace(/<img[^>]*>/g, "")
    .replace(/<\/p>\s*/g, "\n\n")
    .replace(/<[^>]+>/g, "")
    .trim();

/**
 * Renders a message for one customer. Templates substitute their variables; a brief renders deterministically from
 * its key message (LLM rendering belongs to the decisioning work). Emails get click-tracked links, an open pixel and
 * an unsubscribe link (appended when the body has no {{unsubscribe_url}}).
 */
export function renderMessage({ config, customer, publicUrl, trackingToken }: RenderInput): RenderedMessage {
  const base = publicUrl.replace(/\/$/, "");
  const unsubscribeUrl = `${base}/t/u/${trackingToken}`;
  const isEmail = config.channel === "email";
  const content = config.content;
  let subject: string | null;
  let body: string;
  if (content.mode === "template") {
    const builtIns: Record<string, string> = { unsubscribe_url: unsubscribeUrl, unsubscribe_link: unsubscribeUrl };
    const values: Record<string, string> = {};
    for (const [name, expression] of Object.entries(content.variables))
      values[name] = resolveVariable(customer, expression);
    subject = content.subject ? substitute(content.subject, values, builtIns, false) : null;
    body = substitute(content.body, values, builtIns, isEmail);
  } else {
    subject = firstSentence(content.keyMessage);
    const offer = content.offer?.maxDiscountPercent ? `Save up to ${content.offer.maxDiscountPercent}% today.` : null;
    const paragraphs = [content.keyMessage, ...(offer ? [offer] : [])];
    body = isEmail
      ? `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}<p><a href="${base}/">Take a look</a></p>`
      : paragraphs.join(" ");
  }
  if (!isEmail) return { subject, body, text: body, links: [] };

  const links: string[] = [];
  let html = body.replace(/href="(https?:\/\/[^"]+)"/g, (whole, url: string) => {
    if (url === unsubscribeUrl) return whole;
    links.push(url.replaceAll("&amp;", "&"));
    return `href="${base}/t/c/${trackingToken}/${links.length - 1}"`;
  });
  if (!html.includes(unsubscribeUrl)) {
    html += `<p style="font-size:12px;color:#64748b"><a href="${unsubscribeUrl}">Unsubscribe</a></p>`;
  }
  html += `<img src="${base}/t/o/${trackingToken}" width="1" height="1" alt="" />`;
  return { subject: subject ?? "(no subject)", body: html, text: toText(html), links };
}
