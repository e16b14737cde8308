import type { PrismaClient } from "@northstar/db";
import { type Guardrails, guardrailsOverrideSchema, resolveGuardrails } from "@northstar/journey";
import { parseWorkspaceGuardrails } from "../journeys/compile-version";

/** Reads a journey's guardrails as they are now (the workspace's, with the journey's overrides). */
export type LiveGuardrails = (journeyId: string) => Promise<Guardrails>;

/**
 * The live guardrails of journeys, each reused for `ttlMs` before it is read again. A published plan carries the
 * guardrails of its publication; what must apply at once (the daily LLM budget, for decisions and briefs alike)
 * is read here instead.
 */
export function liveGuardrailsReader(db: PrismaClient, ttlMs = 5_000): LiveGuardrails {
  const cache = new Map<string, { at: number; value: Promise<Guardrails> }>();
  return (journeyId) => {
    const cached = cache.get(journeyId);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const value = db.journey
      .findUniqueOrThrow({
        where: { id: journeyId },
        select: { guardrailOverrides: true, workspace: { select: { guardrails: true } } },
      })
      .then((j) =>
        resolveGuardrails(
          parseWorkspaceGuardrails(j.workspace.guardrails),
          guardrailsOverrideSchema.parse(j.guardrailOverrides ?? {}),
        ),
      );
    value.catch(() => cache.delete(journeyId));
    cache.set(journeyId, { at: Date.now(), value });
    return value;
  };
}
