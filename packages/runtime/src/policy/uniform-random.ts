import type { DecisionInput, DecisionOutput, DecisionPolicy } from "./decision-policy";

/** The baseline until learned policies exist: every eligible option equally likely. Always "exploring". */
export function uniformRandomPolicy(random: () => number = Math.random): DecisionPolicy {
  return {
    name: "uniform_random",
    async choose({ candidates }: DecisionInput): Promise<DecisionOutput> {
      const share = 1 / candidates.length;
      const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
      const chosen = candidates[index];
      if (!chosen) throw new Error("uniform_random: no candidate to choose from");
      return {
        optionEdgeId: chosen.edgeId,
        scores: Object.fromEntries(candidates.map((c) => [c.edgeId, share])),
        explore: true,
        confidence: share,
        rationale: `Uniform random choice among ${candidates.length} eligible option${candidates.length === 1 ? "" : "s"}: "${chosen.label}".`,
      };
    },
  };
}
