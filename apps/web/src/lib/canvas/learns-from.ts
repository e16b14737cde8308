import type { LearnableTrait } from "@northstar/core";
import type { LearnsFrom } from "@northstar/journey";

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The setting without empty parts: no traits and no cuts is "every trait, cut automatically" (undefined). */
function normalized(traits: string[] | undefined, cuts: LearnsFrom["cuts"]): LearnsFrom | undefined {
  // A cut for a trait no longer chosen would be refused by the schema: it goes with the trait.
  const kept = (cuts ?? []).filter((c) => !traits || traits.includes(c.trait));
  if (!traits && kept.length === 0) return undefined;
  return { ...(traits ? { traits } : {}), ...(kept.length ? { cuts: kept } : {}) };
}

/** The setting with these traits chosen (undefined: every trait). */
export const withTraits = (value: LearnsFrom | undefined, traits: string[] | undefined) =>
  normalized(traits, value?.cuts);

/** The setting with a number's cut points replaced (undefined: cut automatically). */
export function withCuts(value: LearnsFrom | undefined, trait: string, at: number[] | undefined) {
  const others = (value?.cuts ?? []).filter((c) => c.trait !== trait);
  return normalized(value?.traits, at ? [...others, { trait, at }] : others);
}

/** "100, 1 000; 5e3" read as numbers; empty means automatic. Order is checked by the journey schema. */
export function parseCuts(text: string): { ok: true; cuts: number[] | undefined } | { ok: false; error: string } {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.replace(/[\s_]/g, ""))
    .filter((part) => part !== "");
  if (parts.length === 0) return { ok: true, cuts: undefined };
  const cuts = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(cuts[i]));
  if (bad !== undefined) return { ok: false, error: `"${bad}" is not a number: separate cut points with commas` };
  return { ok: true, cuts };
}

/** One line on what customers carry: type, coverage, and range or most frequent values. */
export function traitSummary(trait: Pick<LearnableTrait, "kind" | "share" | "min" | "max" | "values">): string {
  const coverage = percent(trait.share);
  switch (trait.kind) {
    case "number":
      return `number · ${number.format(trait.min ?? 0)} to ${number.format(trait.max ?? 0)} · ${coverage}`;
    case "text":
      return `text · ${coverage} · ${(trait.values ?? []).join(", ")}`;
    case "boolean":
      return `yes/no · ${coverage}`;
    default:
      return `mixed types · ${coverage}`;
  }
}

/** What "automatic" means for this number on this node so far. */
export function automaticSummary(encoding: LearnableTrait["automatic"]): string {
  if (!encoding) return "Leave empty to cut it automatically, from the node's first 100 values.";
  switch (encoding.kind) {
    case "number":
      return encoding.cuts.length
        ? `Leave empty to cut it automatically: now at ${encoding.cuts.map((c) => number.format(c)).join(", ")}.`
        : "Leave empty to cut it automatically: its values gave no cut point yet.";
    case "sampling":
      return `Leave empty to cut it automatically once 100 values are in (${encoding.values.length} so far).`;
    case "ignored":
      return encoding.reason === "capacity"
        ? "Left out: it taught the node least when its customers grew too varied to keep apart by every trait."
        : "Left empty, it is left out: its values are nearly all different, or all the same.";
    default:
      return "Leave empty to cut it automatically.";
  }
}
