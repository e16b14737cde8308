import type { CustomerFeatures } from "../policy/types";
import { type ContextOptions, contextOf } from "./context";
import type { BanditState } from "./state";

/** Indexes derived from a state (never stored): bucket name -> id, context -> id, per option context id -> cell. */
interface Lookup {
  buckets: Map<string, number>;
  contexts: Map<string, number>;
  cells: Map<string, Map<number, number>>;
}

const lookups = new WeakMap<BanditState, Lookup>();

const bucketsOf = (state: BanditState) => new Map(state.buckets.map((name, id) => [name, id]));
const contextsOf = (state: BanditState) => new Map(state.contexts.map((ids, id) => [ids.join(","), id]));
const cellsOf = (state: BanditState, edgeId: string) =>
  new Map((state.options[edgeId]?.cells ?? []).map(([context], position) => [context, position]));

function lookupOf(state: BanditState): Lookup {
  let lookup = lookups.get(state);
  if (!lookup) {
    const cells = new Map(Object.keys(state.options).map((edgeId) => [edgeId, cellsOf(state, edgeId)]));
    lookup = { buckets: bucketsOf(state), contexts: contextsOf(state), cells };
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
    buckets: next.buckets === previous.buckets ? from.buckets : bucketsOf(next),
    contexts: next.contexts === previous.contexts ? from.contexts : contextsOf(next),
    cells: grown ? new Map(from.cells).set(edgeId, cellsOf(next, edgeId)) : from.cells,
  });
}

export interface ResolvedContext {
  /** "feature=bucket" per feature, for rationales. */
  names: string[];
  /** Bucket ids; a bucket the state has never seen gets a provisional id past the dictionary (its weights: prior). */
  ids: number[];
  /** Context id when this exact context has outcomes in the state. */
  context: number | undefined;
}

export function resolveContext(state: BanditState, features: CustomerFeatures, options?: ContextOptions) {
  const lookup = lookupOf(state);
  const names = contextOf(features, options).buckets;
  let next = state.buckets.length;
  const ids = names.map((name) => lookup.buckets.get(name) ?? next++);
  return { names, ids, context: lookup.contexts.get(ids.join(",")) } satisfies ResolvedContext;
}

/** Position of an option's cell for a context in `state.options[edgeId].cells`. */
export function cellPosition(state: BanditState, edgeId: string, context: number | undefined): number | undefined {
  return context === undefined ? undefined : lookupOf(state).cells.get(edgeId)?.get(context);
}
