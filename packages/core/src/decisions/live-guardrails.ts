import type { ModelDataPolicy } from "@northstar/agent";
import type { PrismaClient } from "@northstar/db";
import { type Guardrails, guardrailsOverrideSchema, resolveGuardrails } from "@northstar/journey";
import { parseWorkspaceGuardrails } from "../journeys/compile-version";
import { parseModelDataPolicy } from "./model-data-policy";

/** What a model call of a journey reads as it is now, not as the journey was published. */
export interface LiveJourney {
  /** The workspace's guardrails with the journey's overrides (the daily LLM budget among them). */
  guardrails: Guardrails;
  /** The objective's description, which prompts carry (the plan binds only its id, name and metric). */
  objectiveDescription: string;
  /** What models may see of the workspace's customers. */
  modelDataPolicy: ModelDataPolicy;
}

export type LiveGuardrails = (journeyId: string) => Promise<LiveJourney>;

/**
 * Reads journeys' live settings, each reused for `ttlMs` before it is read again. A published plan carries the
 * guardrails of its publication; what must apply at once (the daily LLM budget, for decisions and briefs alike; the
 * data policy for models) is read here instead.
 */
export function liveGuardrailsReader(db: PrismaClient, ttlMs = 5_000): LiveGuardrails {
  const cache = new Map<string, { at: number; value: Promise<LiveJourney> }>();
  return (journeyId) => {
    const cached = cache.get(journeyId);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const value = db.journey
      .findUniqueOrThrow({
        where: { id: journeyId },
        select: {
          guardrailOverrides: true,
          objective: { select: { description: true } },
          workspace: { select: { guardrails: true, modelDataPolicy: true } },
        },
      })
      .then((j) => ({
        guardrails: resolveGuardrails(
          parseWorkspaceGuardrails(j.workspace.guardrails),
          guardrailsOverrideSchema.parse(j.guardrailOverrides ?? {}),
        ),
        objectiveDescription: j.objective.description,
        modelDataPolicy: parseModelDataPolicy(j.workspace.modelDataPolicy),
      }));
    value.catch(() => cache.delete(journeyId));
    cache.set(journeyId, { at: Date.now(), value });
    return value;
  };
}
