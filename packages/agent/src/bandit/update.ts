import type { RewardObservation } from "../policy/types";
import type { ContextOptions } from "./context";
import { fitOption } from "./fit";
import { carryLookup, cellPosition, resolveContext } from "./lookup";
import {
  activeFeatures,
  DEFAULT_PROBIT_PRIORS,
  type Gaussian,
  priorOf,
  type ProbitPriors,
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
  context?: ContextOptions;
  priors?: ProbitPriors;
}

/** Stored numbers keep six significant digits: far below the posterior's own spread, and half the JSON. */
const compact = (value: number) => Number(value.toPrecision(6));

/** The score of an option in a context from the weights alone (a context without outcomes of its own). */
export function scoreFromWeights(option: OptionModel | undefined, features: readonly string[], priors: ProbitPriors) {
  let mean = 0;
  let variance = 0;
  for (const feature of features) {
    const [m, v] = option?.weights[feature] ?? priorOf(feature, priors);
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
  const resolved = resolveContext(state, observation.features, config.context);
  const units = resolved.unseen.length > 0 ? [...state.units, ...resolved.unseen] : state.units;
  const context = resolved.context ?? state.contexts.length;
  const contexts = resolved.context === undefined ? [...state.contexts, resolved.groups] : state.contexts;

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

  let next: OptionModel = { ...option, n: option.n + 1, s: option.s + reward, sinceFit: option.sinceFit + 1, cells };
  if (refitDue && next.sinceFit >= Math.max(REFIT.min, REFIT.share * next.n)) next = refit(next, contexts, priors);
  const updated = { ...state, units, contexts, options: { ...state.options, [observation.edgeId]: next } };
  carryLookup(state, updated, observation.edgeId);
  return updated;
}

/** Batch Laplace fit over all of the option's outcomes; each cell's score posterior restarts from the fit. */
function refit(option: OptionModel, contexts: readonly number[][][], priors: ProbitPriors): OptionModel {
  const data = option.cells.map(([context, n, s]) => ({ features: activeFeatures(contexts[context] ?? []), n, s }));
  const fit = fitOption(data, option.weights, priors);
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
  return { ...option, sinceFit: 0, weights, cells };
}
