import { z } from "zod";
import type { OptionWeights } from "./probit";

const weightSchema = z.tuple([z.number(), z.number().positive()]);

/**
 * The learned state of one agent node, as stored by a PolicyStateStore: per option (edge id) its probit weights and
 * plain counts (decisions, reward sum) for people and prompts. Keyed by edge id, so learning survives republishing
 * while edge ids stay stable. Treated as immutable: updates return a new state.
 */
export const banditStateSchema = z.object({
  format: z.literal("probit-thompson/1"),
  weights: z.record(z.string(), z.record(z.string(), weightSchema)),
  counts: z.record(z.string(), z.object({ n: z.number().min(0), s: z.number().min(0) })),
});
export type BanditState = z.infer<typeof banditStateSchema> & { weights: Record<string, OptionWeights> };

export function emptyBanditState(): BanditState {
  return { format: "probit-thompson/1", weights: {}, counts: {} };
}

/** Stored JSON is parsed on every read; unreadable state restarts learning instead of failing decisions. */
export function parseBanditState(stored: unknown): BanditState {
  const parsed = banditStateSchema.safeParse(stored);
  return parsed.success ? (parsed.data as BanditState) : emptyBanditState();
}

/** The option statistics an LLM prompt or the explanation view shows. */
export interface OptionStats {
  edgeId: string;
  decisions: number;
  meanReward: number | null;
}

export function optionStats(state: BanditState, edgeIds: readonly string[]): OptionStats[] {
  return edgeIds.map((edgeId) => {
    const cell = state.counts[edgeId];
    return { edgeId, decisions: cell?.n ?? 0, meanReward: cell && cell.n > 0 ? cell.s / cell.n : null };
  });
}
