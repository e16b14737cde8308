import { z } from "zod";
import { LIMITS } from "./limits";
import { idSchema, shortTextSchema } from "./primitives";

export const AGENT_DECISIONS = ["path", "message", "channel", "send_time"] as const;
export const AGENT_POLICIES = ["learning", "llm", "both"] as const;

/** At most this many cut points per number: each is one more weight per option to learn. */
export const MAX_TRAIT_CUTS = 8;

/** How one numeric trait is cut: `at` ascending, so customers below the first cut, at or above each, learn apart. */
export const traitCutsSchema = z.strictObject({
  trait: shortTextSchema,
  at: z
    .array(z.number().finite("must be a finite number"))
    .min(1, "needs at least one cut point")
    .max(MAX_TRAIT_CUTS, `may have at most ${MAX_TRAIT_CUTS} cut points`)
    .refine((at) => at.every((cut, i) => i === 0 || cut > (at[i - 1] as number)), "must be in increasing order"),
});

/**
 * Which traits a node learns from and how a number is cut. Left out, the node learns from every trait customers have
 * (identifying ones excluded) and cuts each number where its first values suggest (packages/agent bandit/context.ts).
 * Cuts are a list, not a record keyed by trait, so that a trait named `constructor` or `__proto__` is just a name.
 */
export const learnsFromSchema = z
  .strictObject({
    /** The traits to learn from, by their feature name (nested traits as `parent.child`); omit for every trait. */
    traits: z.array(shortTextSchema).max(LIMITS.maxListItems).optional(),
    /** Cut points for numeric traits; a number without them is cut automatically. */
    cuts: z.array(traitCutsSchema).max(LIMITS.maxListItems).optional(),
  })
  .superRefine((value, ctx) => {
    const traits = value.traits ?? [];
    traits.forEach((trait, i) => {
      if (traits.indexOf(trait) !== i)
        ctx.addIssue({ code: "custom", path: ["traits", i], message: `"${trait}" is listed twice` });
    });
    const cut = (value.cuts ?? []).map((c) => c.trait);
    cut.forEach((trait, i) => {
      if (cut.indexOf(trait) !== i)
        ctx.addIssue({ code: "custom", path: ["cuts", i, "trait"], message: `"${trait}" has cut points twice` });
      else if (value.traits && !value.traits.includes(trait))
        ctx.addIssue({
          code: "custom",
          path: ["cuts", i, "trait"],
          message: `"${trait}" is not among the traits learned from`,
        });
    });
  });
export type LearnsFrom = z.infer<typeof learnsFromSchema>;

/** An "agent decides" node. Its options are its outgoing edges (see `edgeOptionSchema`). */
export const agentConfigSchema = z.strictObject({
  decides: z.enum(AGENT_DECISIONS),
  policy: z.enum(AGENT_POLICIES),
  /** Share of decisions spent exploring a non-best option. */
  exploration: z.number().min(0).max(1),
  /** Once the node has evidence, an exploiting choice less sure than this takes the fallback or goes to review (decision-gate.ts). */
  minConfidence: z.number().min(0).max(1),
  /** The option taken when no option is eligible or the policy cannot decide; an outgoing edge id. */
  fallbackOptionEdgeId: idSchema.optional(),
  /** What the node learns from; omit to learn from every trait, cut automatically. */
  learnsFrom: learnsFromSchema.optional(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentDecision = AgentConfig["decides"];
export type AgentPolicy = AgentConfig["policy"];
