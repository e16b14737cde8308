import { z } from "zod";
import type { Gaussian } from "./probit";

const count = z.number().min(0);
const gaussian = z.tuple([z.number(), z.number().positive()]);
/** One option's outcomes in one context: [context id, outcomes, reward sum, score mean, score variance]. */
const cell = z.tuple([z.number().int().min(0), count, count, z.number(), z.number().positive()]);

const optionModel = z.object({
  /** Outcomes and reward sum over all contexts: the statistics people and prompts see. */
  n: count,
  s: count,
  /** Outcomes since the last batch fit. */
  sinceFit: z.number().int().min(0),
  /** Posterior mean and marginal variance per feature ("*", "i", "i.j" over unit ids), as of the last fit. */
  weights: z.record(z.string(), gaussian),
  cells: z.array(cell),
});

/**
 * The learned state of one agent node, as stored by a PolicyStateStore. Unit names ("plan=pro", "tenureMonths>=16")
 * are stored once and referenced by id, and so are contexts (a customer's unit ids grouped by feature), which keeps
 * the JSON small; per option (edge id) the probit weights of the last fit and the per-context outcomes and score
 * posteriors. Keyed by edge id, so learning survives republishing while edge ids stay stable. Treated as immutable:
 * updates return a new state.
 */
export const banditStateSchema = z
  .object({
    format: z.literal("probit-laplace/3"),
    units: z.array(z.string()),
    contexts: z.array(z.array(z.array(z.number().int().min(0)))),
    options: z.record(z.string(), optionModel),
  })
  .refine(
    (state) =>
      state.contexts.every((groups) => groups.every((ids) => ids.every((id) => id < state.units.length))) &&
      Object.values(state.options).every((option) => option.cells.every(([id]) => id < state.contexts.length)),
    "ids out of range",
  );
export type BanditState = z.infer<typeof banditStateSchema>;
export type OptionModel = z.infer<typeof optionModel>;
export type Cell = [context: number, n: number, s: number, ...score: Gaussian];

export function emptyBanditState(): BanditState {
  return { format: "probit-laplace/3", units: [], contexts: [], options: {} };
}

export function emptyOptionModel(): OptionModel {
  return { n: 0, s: 0, sinceFit: 0, weights: {}, cells: [] };
}

/** Stored JSON is parsed on every read; unreadable or older-format state restarts learning instead of failing. */
export function parseBanditState(stored: unknown): BanditState {
  const parsed = banditStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : emptyBanditState();
}

/** The option statistics an LLM prompt or the explanation view shows. */
export interface OptionStats {
  edgeId: string;
  decisions: number;
  meanReward: number | null;
}

export function optionStats(state: BanditState, edgeIds: readonly string[]): OptionStats[] {
  return edgeIds.map((edgeId) => {
    const option = state.options[edgeId];
    return { edgeId, decisions: option?.n ?? 0, meanReward: option && option.n > 0 ? option.s / option.n : null };
  });
}
