import { z } from "zod";
import type { Gaussian } from "./probit";

const count = z.number().min(0);
const id = z.number().int().min(0);
const gaussian = z.tuple([z.number(), z.number().positive()]);
/** One option's outcomes in one context: [context id, outcomes, reward sum, score mean, score variance]. */
const cell = z.tuple([id, count, count, z.number(), z.number().positive()]);

const optionModel = z.object({
  /** Outcomes and reward sum over all contexts: the statistics people and prompts see. */
  n: count,
  s: count,
  /** Outcomes since the last batch fit. */
  sinceFit: z.number().int().min(0),
  /** The most traits a context of the last fit had: what its priors were scaled for (probit.ts `priorsFor`). */
  traits: z.number().int().min(0),
  /** Posterior mean and marginal variance per feature ("*", "i", "i.j" over unit ids), as of the last fit. */
  weights: z.record(z.string(), gaussian),
  cells: z.array(cell),
});

/**
 * How a node encodes one trait (context.ts): sampling its first values (no units yet), then for good a number's cut
 * points, the text values kept (the rest is "other"), or left out: identifying or constant (no reason), or to keep the
 * node's contexts within bounds (capacity.ts).
 */
const traitEncoding = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sampling"), values: z.array(z.union([z.number(), z.string()])) }),
  z.object({ kind: z.literal("number"), cuts: z.array(z.number()) }),
  z.object({ kind: z.literal("text"), values: z.array(z.string()) }),
  z.object({ kind: z.literal("ignored"), reason: z.literal("capacity").optional() }),
]);
export type TraitEncoding = z.infer<typeof traitEncoding>;

/**
 * The learned state of one agent node, as stored by a PolicyStateStore: per trait how it is encoded; unit names
 * ("plan=pro", "tenureMonths>=16") stored once and referenced by id; the unit groups one trait value activates
 * (["tenureMonths>=4", "tenureMonths>=16"], as unit ids) stored once and referenced by id, so that a context (a
 * customer's groups, one per trait) is a short list of ids; per option (edge id) the probit weights of the last fit
 * and the per-context outcomes and score posteriors. Numbers keep four significant digits. Keyed by edge id, so
 * learning survives republishing while edge ids stay stable. Treated as immutable: updates return a new state.
 */
export const banditStateSchema = z
  .object({
    format: z.literal("probit-laplace/4"),
    traits: z.record(z.string(), traitEncoding),
    units: z.array(z.string()),
    groups: z.array(z.array(id)),
    contexts: z.array(z.array(id)),
    options: z.record(z.string(), optionModel),
  })
  .refine(
    (state) =>
      state.groups.every((units) => units.every((unit) => unit < state.units.length)) &&
      state.contexts.every((groups) => groups.every((group) => group < state.groups.length)) &&
      Object.values(state.options).every((option) =>
        option.cells.every(([context]) => context < state.contexts.length),
      ),
    "ids out of range",
  );
export type BanditState = z.infer<typeof banditStateSchema>;
export type OptionModel = z.infer<typeof optionModel>;
export type Cell = [context: number, n: number, s: number, ...score: Gaussian];

export function emptyBanditState(): BanditState {
  return { format: "probit-laplace/4", traits: {}, units: [], groups: [], contexts: [], options: {} };
}

export function emptyOptionModel(): OptionModel {
  return { n: 0, s: 0, sinceFit: 0, traits: 0, weights: {}, cells: [] };
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
