import type { CustomerFeatures } from "../policy/types";
import { type ContextOptions, contextOf } from "./context";
import type { BanditState, Cell } from "./state";

/**
 * Indexes derived from a state (never stored): unit name -> id, group -> id, context -> id, and per option context
 * id -> position of its cell.
 */
interface Lookup {
  units: Map<string, number>;
  groups: Map<string, number>;
  contexts: Map<string, number>;
  cells: Map<string, Map<number, number>>;
}

const lookups = new WeakMap<BanditState, Lookup>();

/** A group's key (its unit ids) or a context's (its group ids). */
const keyOf = (ids: readonly number[]) => ids.join(",");
const cellsOf = (state: BanditState, edgeId: string) =>
  new Map((state.options[edgeId]?.cells ?? []).map(([context], position) => [context, position]));

function lookupOf(state: BanditState): Lookup {
  let lookup = lookups.get(state);
  if (!lookup) {
    lookup = {
      units: new Map(state.units.map((name, id) => [name, id])),
      groups: new Map(state.groups.map((units, id) => [keyOf(units), id])),
      contexts: new Map(state.contexts.map((groups, id) => [keyOf(groups), id])),
      cells: new Map(Object.keys(state.options).map((edgeId) => [edgeId, cellsOf(state, edgeId)])),
    };
    lookups.set(state, lookup);
  }
  return lookup;
}

/**
 * Indexes `next`, which differs from `previous` only in option `edgeId` and in units, groups and contexts appended
 * at the end, by extending the indexes of `previous` in place: rebuilding them on every reward would make learning
 * quadratic in the contexts (every customer can have one of their own). The extended indexes belong to `next` from
 * then on; `previous`, should it be read again (a worker retrying from it), indexes itself afresh.
 */
export function carryLookup(previous: BanditState, next: BanditState, edgeId: string): void {
  const from = lookupOf(previous);
  lookups.delete(previous);
  for (let id = previous.units.length; id < next.units.length; id++) from.units.set(next.units[id] as string, id);
  for (let id = previous.groups.length; id < next.groups.length; id++)
    from.groups.set(keyOf(next.groups[id] as number[]), id);
  for (let id = previous.contexts.length; id < next.contexts.length; id++)
    from.contexts.set(keyOf(next.contexts[id] as number[]), id);
  const before = previous.options[edgeId]?.cells.length ?? 0;
  const cells = next.options[edgeId]?.cells ?? [];
  if (cells.length !== before) {
    const positions = from.cells.get(edgeId) ?? new Map<number, number>();
    for (let position = before; position < cells.length; position++)
      positions.set((cells[position] as Cell)[0], position);
    from.cells.set(edgeId, positions);
  }
  lookups.set(next, from);
}

export interface ResolvedContext {
  /** Unit names per trait ("tenureMonths>=4", "tenureMonths>=16"), broadest first. */
  names: string[][];
  /** Unit ids, grouped like `names`; a unit the state has never seen gets a provisional id past the dictionary. */
  groups: number[][];
  /** The names of the units with provisional ids, in id order: what the dictionary gains if the context is stored. */
  unseen: string[];
  /** The group id of each trait's units; a group the state has never seen gets a provisional id past its groups. */
  groupIds: number[];
  /** The groups with provisional ids, in id order. */
  newGroups: number[][];
  /** Context id when this exact context has outcomes in the state. */
  context: number | undefined;
}

/** A customer's context under the node's trait encodings (`traits`, default the state's own). */
export function resolveContext(
  state: BanditState,
  features: CustomerFeatures,
  options?: ContextOptions,
  traits: BanditState["traits"] = state.traits,
): ResolvedContext {
  const lookup = lookupOf(state);
  const names = contextOf(features, options, traits);
  const unseen: string[] = [];
  const groups = names.map((units) =>
    units.map((name) => {
      const id = lookup.units.get(name);
      if (id !== undefined) return id;
      const position = unseen.indexOf(name);
      return state.units.length + (position === -1 ? unseen.push(name) - 1 : position);
    }),
  );
  const newGroups: number[][] = [];
  const groupIds = groups.map((units) => {
    const key = keyOf(units);
    const id = lookup.groups.get(key);
    if (id !== undefined) return id;
    const position = newGroups.findIndex((group) => keyOf(group) === key);
    return state.groups.length + (position === -1 ? newGroups.push(units) - 1 : position);
  });
  const context = newGroups.length === 0 ? lookup.contexts.get(keyOf(groupIds)) : undefined;
  return { names, groups, unseen, groupIds, newGroups, context };
}

/** A stored context's unit ids, grouped by trait. */
export function unitGroups(state: BanditState, context: number): number[][] {
  return (state.contexts[context] ?? []).map((group) => state.groups[group] ?? []);
}

/** Position of an option's cell for a context in `state.options[edgeId].cells`. */
export function cellPosition(state: BanditState, edgeId: string, context: number | undefined): number | undefined {
  return context === undefined ? undefined : lookupOf(state).cells.get(edgeId)?.get(context);
}
