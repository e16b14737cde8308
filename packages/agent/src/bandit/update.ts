import type { RewardObservation } from "../policy/types";
import { dropTrait, keptAfterDrop, MAX_CONTEXTS, weakestTrait } from "./capacity";
import { type ContextOptions, learnEncodings } from "./context";
import { fitOption } from "./fit";
import { carryLookup, cellPosition, resolveContext, unitGroups } from "./lookup";
import {
  activeFeatures,
  DEFAULT_PROBIT_PRIORS,
  type Gaussian,
  priorOf,
  type ProbitPriors,
  priorsFor,
  updateScore,
} from "./probit";
import { type BanditState, type Cell, emptyOptionModel, type OptionModel } from "./state";

/**
 * When an option refits its weights: after `min` outcomes, then whenever the outcomes since the last fit reach
 * `share` of all its outcomes. Geometric spacing keeps the number of fits logarithmic in the outcomes while early
 * outcomes (where every one counts) are folded in quickly.
 */
export const REFIT = { min: 20, share: 0.05 };

export interface UpdateConfig {
  /** Default for nodes that set no `learnsFrom` of their own. */
  context?: ContextOptions;
  priors?: ProbitPriors;
  /** Contexts a node keeps before it leaves out its weakest trait (capacity.ts); default `MAX_CONTEXTS`. */
  maxContexts?: number;
}

/** Stored numbers keep four significant digits: far below the posterior's own spread, and a fraction of the JSON. */
const compact = (value: number) => Number(value.toPrecision(4));

/**
 * The score of an option in a context from the weights alone (a context without outcomes of its own); a feature
 * without a weight yet takes its prior, scaled like the option's last fit.
 */
export function scoreFromWeights(option: OptionModel | undefined, features: readonly string[], priors: ProbitPriors) {
  const scaled = priorsFor(priors, option?.traits ?? 0);
  let mean = 0;
  let variance = 0;
  for (const feature of features) {
    const [m, v] = option?.weights[feature] ?? priorOf(feature, scaled);
    mean += m;
    variance += v;
  }
  return [mean, variance] as Gaussian;
}

/**
 * The state after one reward. Returns a new state; `state` is left untouched. `refit: false` postpones a due batch
 * refit to the next reward (the option stays due), for a retry that must be quick to win its save.
 */
export function applyReward(
  state: BanditState,
  observation: RewardObservation,
  config: UpdateConfig = {},
  { refit: refitDue = true }: { refit?: boolean } = {},
): BanditState {
  const reward = Math.min(1, Math.max(0, Number.isFinite(observation.reward) ? observation.reward : 0));
  const priors = config.priors ?? DEFAULT_PROBIT_PRIORS;
  // The node's own setting (from its plan) wins over the policy-wide default the simulator may pass.
  const options = observation.context ?? config.context;
  const traits = learnEncodings(state.traits, observation.features, options);
  const resolved = resolveContext(state, observation.features, options, traits);
  const units = resolved.unseen.length > 0 ? [...state.units, ...resolved.unseen] : state.units;
  const groups = resolved.newGroups.length > 0 ? [...state.groups, ...resolved.newGroups] : state.groups;
  const context = resolved.context ?? state.contexts.length;
  const contexts = resolved.context === undefined ? [...state.contexts, resolved.groupIds] : state.contexts;

  const option = state.options[observation.edgeId] ?? emptyOptionModel();
  const features = activeFeatures(resolved.groups);
  const position = cellPosition(state, observation.edgeId, resolved.context);
  const cells = [...option.cells];
  const [, n, s, ...score] =
    position === undefined
      ? ([context, 0, 0, ...scoreFromWeights(option, features, priors)] as Cell)
      : cells[position]!;
  const [mean, variance] = updateScore(score, reward);
  const cell: Cell = [context, n + 1, s + reward, compact(mean), compact(variance)];
  if (position === undefined) cells.push(cell);
  else cells[position] = cell;

  const next: OptionModel = { ...option, n: option.n + 1, s: option.s + reward, sinceFit: option.sinceFit + 1, cells };
  const updated = {
    ...state,
    traits,
    units,
    groups,
    contexts,
    options: { ...state.options, [observation.edgeId]: next },
  };
  const maxContexts = config.maxContexts ?? MAX_CONTEXTS;
  if (contexts.length > maxContexts) return withinCapacity(updated, priors, keptAfterDrop(maxContexts));
  if (refitDue && next.sinceFit >= Math.max(REFIT.min, REFIT.share * next.n))
    updated.options[observation.edgeId] = refit(next, updated, priors);
  carryLookup(state, updated, observation.edgeId);
  return updated;
}

/**
 * A state past its bound on contexts brought back to `keep` by leaving out its weakest traits one at a time
 * (capacity.ts), every option refitted on the merged outcomes after each, so the next choice rests on fresh weights.
 */
function withinCapacity(state: BanditState, priors: ProbitPriors, keep: number): BanditState {
  let current = state;
  while (current.contexts.length > keep) {
    const trait = weakestTrait(current);
    if (trait === undefined) break;
    const dropped = dropTrait(current, trait);
    const options = { ...dropped.options };
    for (const [edgeId, option] of Object.entries(options))
      if (option.cells.length > 0) options[edgeId] = refit(option, dropped, priors);
    current = { ...dropped, options };
  }
  return current;
}

/** Batch Laplace fit over all of the option's outcomes; each cell's score posterior restarts from the fit. */
function refit(option: OptionModel, state: BanditState, priors: ProbitPriors): OptionModel {
  const data = option.cells.map(([context, n, s]) => ({ features: activeFeatures(unitGroups(state, context)), n, s }));
  let traits = 0;
  for (const [context] of option.cells) traits = Math.max(traits, state.contexts[context]?.length ?? 0);
  const fit = fitOption(data, option.weights, priorsFor(priors, traits));
  const weights = Object.fromEntries(
    Object.entries(fit.weights).map(([feature, [mean, variance]]) => [
      feature,
      [compact(mean), compact(variance)] as Gaussian,
    ]),
  );
  const cells = option.cells.map(([context, n, s], i): Cell => {
    const [mean, variance] = fit.cells[i] as Gaussian;
    return [context, n, s, compact(mean), compact(variance)];
  });
  return { ...option, sinceFit: 0, traits, weights, cells };
}
