import type { CustomerFeatures } from "../policy/types";
import { type ContextOptions, contextOf } from "./context";
import type { BanditState } from "./state";

/** Indexes derived from a state (never stored): unit name -> id, context -> id, per option context id -> cell. */
interface Lookup {
  units: Map<string, number>;
  contexts: Map<string, number>;
  cells: Map<string, Map<number, number>>;
}

const lookups = new WeakMap<BanditState, Lookup>();

/** A context's key: its unit ids, groups in feature order. */
const keyOf = (groups: readonly (readonly number[])[]) => groups.map((ids) => ids.join(",")).join("|");
const dictionaryOf = (state: BanditState) => new Map(state.units.map((name, id) => [name, id]));
const contextsOf = (state: BanditState) => new Map(state.contexts.map((groups, id) => [keyOf(groups), id]));
const cellsOf = (state: BanditState, edgeId: string) =>
  new Map((state.options[edgeId]?.cells ?? []).map(([context], position) => [context, position]));

function lookupOf(state: BanditState): Lookup {
  let lookup = lookups.get(state);
  if (!lookup) {
    const cells = new Map(Object.keys(state.options).map((edgeId) => [edgeId, cellsOf(state, edgeId)]));
    lookup = { units: dictionaryOf(state), contexts: contextsOf(state), cells };
    lookups.set(state, lookup);
  }
  return lookup;
}

/**
 * Indexes `next`, which differs from `previous` only in option `edgeId`, by reusing what did not change (maps are
 * never mutated once built): rebuilding them on every reward would dominate the update's cost.
 */
export function carryLookup(previous: BanditState, next: BanditState, edgeId: string): void {
  const from = lookupOf(previous);
  const grown = (next.options[edgeId]?.cells.length ?? 0) !== (previous.options[edgeId]?.cells.length ?? 0);
  lookups.set(next, {
    units: next.units === previous.units ? from.units : dictionaryOf(next),
    contexts: next.contexts === previous.contexts ? from.contexts : contextsOf(next),
    cells: grown ? new Map(from.cells).set(edgeId, cellsOf(next, edgeId)) : from.cells,
  });
}

export interface ResolvedContext {
  /** Unit names per feature ("tenureMonths>=1", ..., "tenureMonths>=16"), broadest first. */
  names: string[][];
  /** Unit ids, grouped like `names`; a unit the state has never seen gets a provisional id past the dictionary. */
  groups: number[][];
  /** The names of the units with provisional ids, in id order: what the dictionary gains if the context is stored. */
  unseen: string[];
  /** Context id when this exact context has outcomes in the state. */
  context: number | undefined;
}

export function resolveContext(
  state: BanditState,
  features: CustomerFeatures,
  options?: ContextOptions,
): ResolvedContext {
  const lookup = lookupOf(state);
  const names = contextOf(features, options);
  const unseen: string[] = [];
  const groups = names.map((units) =>
    units.map((name) => {
      const id = lookup.units.get(name);
      if (id !== undefined) return id;
      const position = unseen.indexOf(name);
      return state.units.length + (position === -1 ? unseen.push(name) - 1 : position);
    }),
  );
  return { names, groups, unseen, context: lookup.contexts.get(keyOf(groups)) };
}

/** Position of an option's cell for a context in `state.options[edgeId].cells`. */
export function cellPosition(state: BanditState, edgeId: string, context: number | undefined): number | undefined {
  return context === undefined ? undefined : lookupOf(state).cells.get(edgeId)?.get(context);
}
