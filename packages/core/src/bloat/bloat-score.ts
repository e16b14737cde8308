/**
 * The bloat score ranks journeys for a manager's attention, 0 (lean) to 100 (rotten). Each part is capped so that
 * no single symptom can hide the others, and the weights say what costs most to leave alone:
 *
 * | part        | weight | full marks when                                                        |
 * | ----------- | ------ | ---------------------------------------------------------------------- |
 * | stale share | 40     | every branch is stale (stale branches / branches)                      |
 * | idle        | 20     | a live journey had no entry for the stale period                       |
 * | rule splits | 15     | 5 or more legacy if/then splits (each could fold into one agent node)  |
 * | overlap     | 15     | 3 or more other live journeys share its entry event or segment         |
 * | size        | 10     | 60 or more nodes (nothing below 12: a normal journey is not bloat)     |
 *
 * Stale share weighs most because a stale branch is dead configuration someone must still read and maintain;
 * idleness next because an idle journey is all dead weight; rule splits and overlap are structural smells that can
 * be legitimate; size alone is the weakest signal.
 */
export const BLOAT_WEIGHTS = { stale: 40, idle: 20, ruleSplits: 15, overlap: 15, size: 10 } as const;

export interface BloatInput {
  branches: number;
  staleBranches: number;
  idle: boolean;
  ruleSplits: number;
  overlappingJourneys: number;
  nodes: number;
}

export interface BloatScore {
  score: number;
  parts: Record<keyof typeof BLOAT_WEIGHTS, number>;
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round1 = (v: number) => Math.round(v * 10) / 10;

export function bloatScore(input: BloatInput): BloatScore {
  const parts = {
    stale: round1(BLOAT_WEIGHTS.stale * clamp01(input.branches > 0 ? input.staleBranches / input.branches : 0)),
    idle: input.idle ? BLOAT_WEIGHTS.idle : 0,
    ruleSplits: round1(BLOAT_WEIGHTS.ruleSplits * clamp01(input.ruleSplits / 5)),
    overlap: round1(BLOAT_WEIGHTS.overlap * clamp01(input.overlappingJourneys / 3)),
    size: round1(BLOAT_WEIGHTS.size * clamp01((input.nodes - 12) / 48)),
  };
  const score = round1(parts.stale + parts.idle + parts.ruleSplits + parts.overlap + parts.size);
  return { score, parts };
}
