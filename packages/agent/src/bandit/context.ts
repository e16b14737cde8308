import type { LearnsFrom } from "@northstar/journey";
import type { CustomerFeatures, FeatureValue } from "../policy/types";
import type { TraitEncoding } from "./state";

/**
 * Which traits a node learns from and how a number is cut: the journey's `learnsFrom` setting, the one contract the
 * inspector, the plan and the policy share. Left out, the node learns from every trait customers have (identifying
 * ones are removed before: features/customer-features.ts) and cuts each number as its first values suggest.
 */
export type ContextOptions = LearnsFrom;

interface ResolvedOptions {
  /** The traits learned from, sorted so a reordered list keeps every context; undefined: every trait. */
  traits: readonly string[] | undefined;
  cuts: ReadonlyMap<string, readonly number[]>;
}

const resolved = new WeakMap<ContextOptions, ResolvedOptions>();
const NO_OPTIONS: ResolvedOptions = { traits: undefined, cuts: new Map() };

/** The options in the form looked up per decision, computed once per options object. */
function resolveOptions(options: ContextOptions | undefined): ResolvedOptions {
  if (!options) return NO_OPTIONS;
  let entry = resolved.get(options);
  if (!entry) {
    entry = {
      traits: options.traits ? [...options.traits].sort() : undefined,
      cuts: new Map((options.cuts ?? []).map((c) => [c.trait, c.at])),
    };
    resolved.set(options, entry);
  }
  return entry;
}

/** A learned encoding by trait name; an own property only, so a trait named `constructor` is just a trait. */
const learnedOf = (learned: Readonly<Record<string, TraitEncoding>>, name: string): TraitEncoding | undefined =>
  Object.hasOwn(learned, name) ? learned[name] : undefined;

/**
 * Traits are turned into the discrete units the probit weights are keyed by (probit.ts). A node looks at the first
 * `SAMPLE_SIZE` values of each trait it has not been told how to cut, then fixes how the trait is encoded for good,
 * so that a weight keeps meaning the same customers:
 * - a number activates every cut point it reaches ("tenureMonths>=4", "tenureMonths>=16"), so neighbouring bins share
 *   all but one weight and the open-ended top bin inherits what the bins below it taught. Magnitudes (counts, amounts
 *   in cents, durations: at least half the values 1 or more) are cut at powers of two within the range of the first
 *   values, every second or third one when more than `MAX_CUTS` would fit (powers of 4, 8: 1, 4, 16, 64), however wide
 *   the range; fractions and signed numbers at their quartiles (two significant digits); a number with few values
 *   between them. A number thus costs at most `MAX_CUTS` units: raw cents up to millions would otherwise be some
 *   twenty, with several hundred pairs per context, learning slower and deciding dearer than a few good bins;
 * - text keeps the values it saw (the `MAX_VALUES` most frequent; the rest is "other"), unless values seen more than
 *   once make up less than half of them: then the trait identifies people rather than segments them (codes, e-mails,
 *   order ids) and is left out, as is a trait with a single value. Until then each value is a unit of its own;
 * - booleans are one unit per value.
 * Explicit cuts replace a number's learned cuts; a number activates no unit until its cuts are known.
 */
export const SAMPLE_SIZE = 100;
export const MAX_CUTS = 4;
export const MAX_VALUES = 16;
const MAX_TEXT = 40;

/**
 * The units one value activates under an encoding, from the broadest to the most specific: "name<c1" below the first
 * cut, else "name>=c1" ... "name>=cj" up to the last cut reached; "name=value" or "name=other" for text, "name=true"
 * for booleans, "name=none" for a missing value; while a trait is sampled, text is its own value and a number has
 * none; a trait left out has none.
 */
export function unitsOf(name: string, value: FeatureValue | undefined, encoding: TraitEncoding | undefined): string[] {
  if (typeof value === "boolean") return encoding?.kind === "ignored" ? [] : [`${name}=${value}`];
  if ((!encoding || encoding.kind === "sampling") && typeof value === "string")
    return [`${name}=${value.slice(0, MAX_TEXT)}`];
  if (!encoding || encoding.kind === "sampling" || encoding.kind === "ignored") return [];
  if (value === undefined || value === null) return [`${name}=none`];
  if (encoding.kind === "text") {
    const text = String(value).slice(0, MAX_TEXT);
    return [`${name}=${encoding.values.includes(text) ? text : "other"}`];
  }
  const { cuts } = encoding;
  if (typeof value !== "number" || !Number.isFinite(value)) return [`${name}=none`];
  if (cuts.length === 0) return [];
  if (value < (cuts[0] as number)) return [`${name}<${cuts[0]}`];
  const units: string[] = [];
  for (const cut of cuts) {
    if (value < cut) break;
    units.push(`${name}>=${cut}`);
  }
  return units;
}

/**
 * The encoding in force for a trait: its explicit cuts, else what the node learned; a trait the node left out to
 * stay within its bounds (capacity.ts) stays out, cuts or not.
 */
function encodingOf(name: string, options: ResolvedOptions, learned: Readonly<Record<string, TraitEncoding>>) {
  const encoding = learnedOf(learned, name);
  if (encoding?.kind === "ignored" && encoding.reason === "capacity") return encoding;
  const cuts = options.cuts.get(name);
  return cuts ? ({ kind: "number", cuts: [...cuts] } satisfies TraitEncoding) : encoding;
}

/**
 * A customer's units grouped by trait, in trait order, traits without units left out (pairs are only formed across
 * groups: probit.ts).
 */
export function contextOf(
  features: CustomerFeatures,
  options?: ContextOptions,
  learned: Readonly<Record<string, TraitEncoding>> = {},
): string[][] {
  const resolvedOptions = resolveOptions(options);
  const names = resolvedOptions.traits ?? Object.keys(features).sort();
  return names
    .map((name) =>
      unitsOf(
        name,
        Object.hasOwn(features, name) ? features[name] : undefined,
        encodingOf(name, resolvedOptions, learned),
      ),
    )
    .filter((units) => units.length > 0);
}

/**
 * The encodings after seeing one customer's traits: each trait still being sampled takes the value (unless it repeats
 * the last one taken), and is encoded once it has `SAMPLE_SIZE` of them. Returns `learned` itself when nothing changed.
 */
export function learnEncodings(
  learned: Readonly<Record<string, TraitEncoding>>,
  features: CustomerFeatures,
  options?: ContextOptions,
): Record<string, TraitEncoding> {
  const { traits, cuts } = resolveOptions(options);
  let next: Record<string, TraitEncoding> | undefined;
  for (const name of traits ?? Object.keys(features)) {
    if (!Object.hasOwn(features, name)) continue;
    const value = features[name];
    const current = learnedOf(learned, name);
    if (cuts.has(name) || (current && current.kind !== "sampling")) continue;
    if (value === null || value === undefined || typeof value === "boolean") continue;
    if (typeof value === "number" && !Number.isFinite(value)) continue;
    const sampled = typeof value === "string" ? value.slice(0, MAX_TEXT) : value;
    // Several rewards in a row for one customer (a replay crediting every option) would fill the sample with copies.
    if (current && current.values[current.values.length - 1] === sampled) continue;
    const values = [...(current?.values ?? []), sampled];
    next ??= { ...learned };
    // Defined, not assigned: assigning to a trait named `__proto__` would replace the object's prototype.
    Object.defineProperty(next, name, {
      value: values.length >= SAMPLE_SIZE ? encodingFrom(values) : { kind: "sampling", values },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return next ?? (learned as Record<string, TraitEncoding>);
}

/** How a trait is encoded for good, from a sample of its values. */
export function encodingFrom(values: readonly (number | string)[]): TraitEncoding {
  if (values.every((v) => typeof v === "number")) return { kind: "number", cuts: cutsOf(values as number[]) };
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  let repeated = 0;
  for (const count of counts.values()) if (count >= 2) repeated += count;
  if (repeated < values.length / 2 || counts.size < 2) return { kind: "ignored" };
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { kind: "text", values: byFrequency.slice(0, MAX_VALUES).map(([value]) => value) };
}

/** A number's cut points from a sample of its values (see the encoding above). */
function cutsOf(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const smallest = sorted[0] as number;
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  if (distinct.length <= MAX_CUTS + 1) return distinct.slice(1);
  const at = (from: readonly number[], share: number) => from[Math.floor(share * from.length)] as number;
  const magnitudes = sorted.filter((v) => v >= 1).length >= sorted.length / 2;
  if (magnitudes) {
    const first = Math.ceil(
      Math.log2(
        at(
          sorted.filter((v) => v > 0),
          0.02,
        ),
      ),
    );
    const last = Math.floor(Math.log2(at(sorted, 0.98)));
    // Every step-th power of two, aligned on multiples of the step so that the grid does not hang on the sample's edge.
    let step = 1;
    while (Math.floor(last / step) - Math.ceil(first / step) + 1 > MAX_CUTS) step++;
    const cuts: number[] = [];
    for (let exponent = Math.ceil(first / step) * step; exponent <= last; exponent += step) {
      if (2 ** exponent > smallest) cuts.push(2 ** exponent);
    }
    if (cuts.length >= 2) return cuts;
  }
  const quartiles = [0.25, 0.5, 0.75].map((q) => Number(at(sorted, q).toPrecision(2)));
  return [...new Set(quartiles)].filter((cut) => cut > smallest);
}
