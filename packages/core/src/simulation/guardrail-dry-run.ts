import { type Guardrails, guardrailsOverrideSchema, guardrailsSchema, resolveGuardrails } from "@northstar/journey";
import { simulate } from "@northstar/simulation";
import { getGlobalGuardrails } from "../guardrails/guardrail-settings";
import { livePlans } from "../runtime/plans";
import type { DomainContext } from "../workspace/scope";
import { behaviourFromHistory } from "./behaviour-history";
import { capWindowHours, eventsOf } from "./plan";
import { sampleCustomers } from "./population";

/** Customers each live plan is run on, twice: enough to show a share to about ±3 points in a few seconds. */
export const DRY_RUN_SAMPLE = 1_000;
export const DRY_RUN_HORIZON_DAYS = 7;
const DRY_RUN_SEED = 20_260_101;

export interface JourneyImpact {
  journeyId: string;
  journeyName: string;
  customers: number;
  sends: { current: number; proposed: number };
  /** Sends blocked (skipped, delayed or sent to review) by guardrail code. */
  blocked: Record<string, { current: number; proposed: number }>;
}

/**
 * What a proposed change of the global guardrails would do: every live journey's plan runs on the same sample of
 * the workspace's customers under its effective guardrails now and under the proposal (its own overrides applied to
 * both), on the same seed, so the differences are the change's. Nothing is written.
 */
export async function guardrailDryRun(ctx: DomainContext, proposedInput: Guardrails): Promise<JourneyImpact[]> {
  const proposed = guardrailsSchema.parse(proposedInput);
  const { db, actor } = ctx;
  const [current, plans] = await Promise.all([getGlobalGuardrails(ctx), livePlans(db, actor.workspaceId)]);
  if (plans.length === 0) return [];
  const journeys = await db.journey.findMany({
    where: { workspaceId: actor.workspaceId, id: { in: plans.map((p) => p.journeyId) } },
    select: { id: true, name: true, guardrailOverrides: true },
  });
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const window = Math.max(
    ...plans.map((p) => capWindowHours(p.plan)),
    ...proposed.frequencyCaps.map((c) => c.windowHours),
  );
  const customers = await sampleCustomers(db, actor.workspaceId, DRY_RUN_SAMPLE, DRY_RUN_SEED, window, start);
  const impacts: JourneyImpact[] = [];
  for (const loaded of plans) {
    const journey = journeys.find((j) => j.id === loaded.journeyId);
    if (!journey || customers.length === 0) continue;
    const override = guardrailsOverrideSchema.parse(journey.guardrailOverrides ?? {});
    const { behaviour } = await behaviourFromHistory(db, actor.workspaceId, eventsOf(loaded.plan), start);
    const run = (guardrails: Guardrails) =>
      simulate({
        plan: loaded.plan,
        workspaceId: actor.workspaceId,
        journeyId: loaded.journeyId,
        versionId: loaded.versionId,
        customers,
        guardrails,
        settings: { horizonDays: DRY_RUN_HORIZON_DAYS, seed: DRY_RUN_SEED, start, behaviour },
      });
    const before = await run(resolveGuardrails(current, override));
    const after = await run(resolveGuardrails(proposed, override));
    const codes = new Set([...Object.keys(before.blocks), ...Object.keys(after.blocks)]);
    impacts.push({
      journeyId: journey.id,
      journeyName: journey.name,
      customers: customers.length,
      sends: { current: before.messages.total, proposed: after.messages.total },
      blocked: Object.fromEntries(
        [...codes]
          .sort()
          .map((code) => [
            code,
            { current: before.blocks[code]?.total ?? 0, proposed: after.blocks[code]?.total ?? 0 },
          ]),
      ),
    });
  }
  return impacts.sort((a, b) => a.journeyName.localeCompare(b.journeyName));
}
