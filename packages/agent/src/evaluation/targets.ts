import { DEFAULT_MIN_PROPENSITY, importanceWeight, snips, usableDecisions } from "./estimators";
import type { DataDrivenTarget, LoggedDecision, TargetPolicy } from "./types";

/** Every eligible option with the same probability: the "no targeting" baseline. */
export function uniformRandom(): TargetPolicy {
  return {
    name: "uniform random",
    probabilities: (decision) => Object.fromEntries(decision.candidates.map((edgeId) => [edgeId, 1])),
  };
}

/**
 * Always the given option, e.g. the node's fallback. A customer for whom it is not eligible gets a uniformly chosen
 * eligible option instead (the estimators' rule for mass outside the candidates).
 */
export function alwaysOption(edgeId: string, name = `always ${edgeId}`): TargetPolicy {
  return { name, probabilities: () => ({ [edgeId]: 1 }) };
}

/**
 * The policy that logged the decisions, as it behaved: its on-policy average reward. With an adaptive policy this is
 * the average over the period logged, early learning included, not the value of its latest state. Its probabilities
 * are the logged propensity of the chosen option and the rest spread evenly (the log holds no more), so every
 * importance weight is 1.
 */
export function currentPolicy(): TargetPolicy {
  return {
    name: "current policy",
    onPolicy: true,
    probabilities: (decision) => {
      const chosen = decision.propensity ?? 1;
      const others = decision.candidates.length > 1 ? (1 - chosen) / (decision.candidates.length - 1) : 0;
      return {
        ...Object.fromEntries(decision.candidates.map((edgeId) => [edgeId, others])),
        [decision.chosen]: chosen,
      };
    },
  };
}

/**
 * The single option with the highest self-normalised IPS value on the decisions it is fitted on (propensities clipped
 * at DEFAULT_MIN_PROPENSITY; ties: the first candidate seen). Picking the winner and measuring it on the same
 * decisions would overstate it (the winner is partly the luckiest); offlineEvaluation cross-fits it (see
 * DataDrivenTarget), so each decision is scored with the option picked on the other folds.
 */
export function bestSingleOption(): DataDrivenTarget {
  return {
    name: "best single option",
    fit(training: readonly LoggedDecision[]): TargetPolicy {
      const { used } = usableDecisions(training, DEFAULT_MIN_PROPENSITY);
      const rewards = used.map((d) => d.reward);
      let best: { edgeId: string; value: number } | undefined;
      for (const edgeId of new Set(used.flatMap((d) => d.candidates))) {
        const target = alwaysOption(edgeId);
        const value = snips(
          rewards,
          used.map((d) => importanceWeight(target, d)),
        ).value;
        if (value !== null && (best === undefined || value > best.value)) best = { edgeId, value };
      }
      return best ? alwaysOption(best.edgeId) : uniformRandom();
    },
  };
}
