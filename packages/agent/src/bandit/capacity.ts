import type { BanditState, Cell, TraitEncoding } from "./state";

/**
 * How many contexts (distinct combinations of trait values with outcomes) a node keeps. With many traits nearly every
 * customer is a context of their own, so without a bound the state grows with the customers: every reward would load
 * and save a state of megabytes, and each update would copy arrays of tens of thousands of entries. At the bound the
 * node stops telling apart customers by the trait that has taught it least (`weakestTrait`): that trait is left out
 * from then on and the contexts that differed only by it are merged, outcomes included (`dropTrait`), until the
 * contexts are down to three quarters of the bound (`keptAfterDrop`), so that a drop is rare. No outcome is lost; the
 * node learns from fewer, stronger traits. 8,192 contexts keep a stored state under about 600 KB.
 */
export const MAX_CONTEXTS = 8_192;

export const keptAfterDrop = (maxContexts: number) => Math.floor((maxContexts * 3) / 4);

/** The encoding of a trait the node left out to stay within `MAX_CONTEXTS`. */
export const LEFT_OUT_FOR_CAPACITY: TraitEncoding = { kind: "ignored", reason: "capacity" };

/**
 * The trait a unit belongs to. Units are `trait=value`, `trait<cut` or `trait>=cut` (context.ts `unitsOf`); booleans
 * have no encoding of their own, so a unit of no known trait is a boolean's `trait=true` or `trait=false`.
 */
export function traitOfUnit(unit: string, known: readonly string[]): string {
  let best: string | undefined;
  for (const trait of known) {
    if (!unit.startsWith(trait) || (best !== undefined && best.length >= trait.length)) continue;
    const rest = unit.slice(trait.length);
    if (rest.startsWith("=") || rest.startsWith("<") || rest.startsWith(">=")) best = trait;
  }
  return best ?? unit.slice(0, unit.lastIndexOf("="));
}

/** The trait of each group (a group is the units one trait value activates, so all of one trait). */
function groupTraits(state: BanditState): string[] {
  const known = Object.keys(state.traits);
  return state.groups.map((units) => traitOfUnit(state.units[units[0] as number] ?? "", known));
}

/** Unit ids by trait, over the units that appear in some context. */
function unitsByTrait(state: BanditState): Map<string, Set<number>> {
  const traits = groupTraits(state);
  const used = new Set(state.contexts.flat());
  const byTrait = new Map<string, Set<number>>();
  state.groups.forEach((units, group) => {
    if (!used.has(group)) return;
    const trait = traits[group] as string;
    const ids = byTrait.get(trait) ?? new Set<number>();
    for (const unit of units) ids.add(unit);
    byTrait.set(trait, ids);
  });
  return byTrait;
}

/**
 * The trait whose values tell the least about the outcomes: per option, the outcomes grouped by the trait's value
 * (a likelihood-ratio G statistic of "every value converts at the option's rate"), summed over options and divided by
 * the degrees of freedom, so a trait with many values gets no head start; about 1 for a trait that does not matter,
 * far more for one that does. Read from the outcomes rather than the fitted weights, which shrink toward zero for a
 * trait that matters only within some segment. Among equals, the trait with the most values, which splits the
 * contexts most. Undefined when at most one trait is left.
 */
export function weakestTrait(state: BanditState): string | undefined {
  const byTrait = unitsByTrait(state);
  if (byTrait.size <= 1) return undefined;
  const traitsOfGroups = groupTraits(state);
  const statistic = new Map<string, number>();
  const freedom = new Map<string, number>();
  for (const option of Object.values(state.options)) {
    const byValue = new Map<string, Map<number, { n: number; s: number }>>();
    for (const [context, n, s] of option.cells) {
      const groups = new Map((state.contexts[context] ?? []).map((group) => [traitsOfGroups[group], group]));
      for (const trait of byTrait.keys()) {
        const values = byValue.get(trait) ?? new Map<number, { n: number; s: number }>();
        const value = groups.get(trait) ?? -1;
        const cell = values.get(value) ?? { n: 0, s: 0 };
        cell.n += n;
        cell.s += s;
        values.set(value, cell);
        byValue.set(trait, values);
      }
    }
    for (const [trait, values] of byValue) {
      statistic.set(trait, (statistic.get(trait) ?? 0) + likelihoodRatio([...values.values()]));
      freedom.set(trait, (freedom.get(trait) ?? 0) + values.size - 1);
    }
  }
  const ranked = [...byTrait.entries()].map(([trait, ids]) => ({
    trait,
    evidence: (statistic.get(trait) ?? 0) / Math.max(1, freedom.get(trait) ?? 0),
    values: ids.size,
  }));
  ranked.sort((a, b) => a.evidence - b.evidence || b.values - a.values || (a.trait < b.trait ? -1 : 1));
  return ranked[0]?.trait;
}

/** G statistic of groups of outcomes (n, reward sum) against one common rate. */
function likelihoodRatio(groups: readonly { n: number; s: number }[]): number {
  let n = 0;
  let s = 0;
  for (const group of groups) {
    n += group.n;
    s += group.s;
  }
  if (n === 0 || s <= 0 || s >= n) return 0;
  const rate = s / n;
  const term = (observed: number, expected: number) => (observed > 0 ? observed * Math.log(observed / expected) : 0);
  let g = 0;
  for (const group of groups) g += term(group.s, group.n * rate) + term(group.n - group.s, group.n * (1 - rate));
  return 2 * g;
}

/**
 * The state with `trait` left out: its encoding marked as left out for capacity, its groups removed from every
 * context, contexts that became equal merged (their cells' outcomes summed; a merged cell keeps the score of its
 * first part until the option is refitted), and the weights of its units and their pairs removed. Unit and group ids
 * stay as they are, so every other weight keeps its meaning.
 */
export function dropTrait(state: BanditState, trait: string): BanditState {
  const traitsOfGroups = groupTraits(state);
  const contextIds = new Map<string, number>();
  const contexts: number[][] = [];
  const remap = state.contexts.map((groups) => {
    const kept = groups.filter((group) => traitsOfGroups[group] !== trait);
    const key = kept.join(",");
    let id = contextIds.get(key);
    if (id === undefined) {
      id = contexts.push(kept) - 1;
      contextIds.set(key, id);
    }
    return id;
  });
  const dropped = new Set<string>();
  state.groups.forEach((units, group) => {
    if (traitsOfGroups[group] === trait) for (const unit of units) dropped.add(String(unit));
  });
  const keepsWeight = (feature: string) => !feature.split(".").some((id) => dropped.has(id));
  const options = Object.fromEntries(
    Object.entries(state.options).map(([edgeId, option]) => {
      const merged = new Map<number, Cell>();
      for (const [context, n, s, mean, variance] of option.cells) {
        const id = remap[context] as number;
        const cell = merged.get(id);
        if (cell) merged.set(id, [id, cell[1] + n, cell[2] + s, cell[3], cell[4]]);
        else merged.set(id, [id, n, s, mean, variance]);
      }
      const weights = Object.fromEntries(Object.entries(option.weights).filter(([feature]) => keepsWeight(feature)));
      return [edgeId, { ...option, weights, cells: [...merged.values()] }];
    }),
  );
  return {
    ...state,
    traits: { ...withoutKey(state.traits, trait), [trait]: LEFT_OUT_FOR_CAPACITY },
    contexts,
    options,
  };
}

/** A copy without one own key, safe for any key (`__proto__` included). */
function withoutKey<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  const copy: Record<string, V> = {};
  for (const [name, value] of Object.entries(record))
    if (name !== key)
      Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
