import { CHANNELS, type Channel, type Guardrails, type GuardrailsOverride } from "@northstar/journey";

/** Scalar guardrails a journey may override, with how the form labels them. */
export const NUMBER_FIELDS = [
  { key: "maxDiscountPercent", label: "Maximum discount (%)" },
  { key: "minConfidence", label: "Minimum agent confidence" },
  { key: "holdoutShare", label: "Holdout share" },
  { key: "dailyLlmBudgetUsd", label: "Daily LLM budget (USD)" },
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number]["key"];

export const LIST_FIELDS = [
  { key: "bannedPhrases", label: "Banned phrases" },
  { key: "claimsNeedingReview", label: "Claims needing review" },
] as const;
export type ListField = (typeof LIST_FIELDS)[number]["key"];

/** Channels whose frequency caps come from the journey: any channel the override caps loses its global caps. */
export function cappedChannels(override: GuardrailsOverride): Set<Channel> {
  return new Set((override.frequencyCaps ?? []).map((cap) => cap.channel));
}

export function describeCaps(caps: Guardrails["frequencyCaps"]): string {
  if (caps.length === 0) return "no caps";
  return caps.map((c) => `${c.channel}: at most ${c.max} per ${c.windowHours} h`).join(" · ");
}

export function describeQuietHours(quiet: Guardrails["quietHours"]): string {
  if (!quiet) return "off";
  return `${quiet.start}–${quiet.end}, then ${quiet.behaviour === "delay" ? "send later" : "skip"}`;
}

export function describeConsent(consent: Guardrails["consentRequired"]): string {
  const required = CHANNELS.filter((c) => consent[c]);
  return required.length === 0 ? "not required" : `required for ${required.join(", ")}`;
}

export function describeNumber(key: NumberField, value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (key === "minConfidence" || key === "holdoutShare") return `${Math.round(value * 1000) / 10}%`;
  if (key === "maxDiscountPercent") return `${value}%`;
  return `$${value}`;
}

export function describeList(list: readonly string[]): string {
  return list.length === 0 ? "none" : list.join(", ");
}

/**
 * The server's field errors for `updateJourney` are keyed by input path (`override.minConfidence`); the form keys
 * them by guardrail field. Errors about the journey itself stay under "".
 */
export function overrideFieldErrors(errors: Record<string, string[] | undefined>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (!messages?.length) continue;
    const field = key === "override" ? "" : key.startsWith("override.") ? key.slice("override.".length) : "";
    (out[field] ??= []).push(...messages);
  }
  return out;
}

/** One entry per line, trimmed, blanks dropped: how list guardrails are typed. */
export function linesOf(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * The override the form sends: the draft with list fields taken from their text boxes. A list field whose text box
 * is absent is not overridden.
 */
export function buildOverride(
  draft: GuardrailsOverride,
  listText: Partial<Record<ListField, string>>,
): GuardrailsOverride {
  const out: GuardrailsOverride = { ...draft };
  for (const { key } of LIST_FIELDS) {
    const text = listText[key];
    if (text === undefined) delete out[key];
    else out[key] = linesOf(text);
  }
  return out;
}
