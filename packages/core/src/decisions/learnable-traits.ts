import { customerFeatures, isIdentifying, parseBanditState, type TraitEncoding } from "@northstar/agent";
import { nodeKeyOf } from "@northstar/engine";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { postgresPolicyStateStore } from "./policy-state-store";

const idSchema = z.string().min(1).max(200);
export const LearnableTraitsInput = z.object({ journeyId: idSchema, stepId: idSchema });

/** Customers read to describe the traits: the most recently updated ones, enough to see every common trait. */
export const TRAIT_SAMPLE = 2_000;
const MAX_VALUES = 8;

export type TraitKind = "number" | "text" | "boolean" | "mixed";

export interface LearnableTrait {
  /** As the policy sees it: top-level name, or `parent.child` for one level of nesting. */
  name: string;
  kind: TraitKind;
  /** Share of the sampled customers that have it. */
  share: number;
  min?: number;
  max?: number;
  /** The most frequent values of a text trait. */
  values?: string[];
  /** How the node encodes it when left automatic, once its first values are in (its policy state). */
  automatic?: TraitEncoding;
}

export interface LearnableTraits {
  sampled: number;
  traits: LearnableTrait[];
  /** Traits never learned from because they identify a person: names only, never values. */
  personal: string[];
}

interface Tally {
  kinds: Set<"number" | "text" | "boolean">;
  count: number;
  min: number;
  max: number;
  values: Map<string, number>;
}

const kindOf = (tally: Tally): TraitKind => (tally.kinds.size === 1 ? ([...tally.kinds][0] as TraitKind) : "mixed");

/**
 * What an agent node can learn from, for the inspector: the traits of the workspace's customers as the policy sees
 * them (customerFeatures, the one view of a customer), their types and ranges, the traits left out as personal, and
 * how the node encodes each trait automatically so far.
 */
export async function learnableTraits(
  ctx: DomainContext,
  input: z.input<typeof LearnableTraitsInput>,
): Promise<LearnableTraits> {
  const { journeyId, stepId } = LearnableTraitsInput.parse(input);
  const workspaceId = ctx.actor.workspaceId;
  const journey = await ctx.db.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } });
  if (!journey) throw AppError.notFound("Journey", journeyId);

  const customers = await ctx.db.customer.findMany({
    where: { workspaceId },
    select: { traits: true, timeZone: true },
    orderBy: { updatedAt: "desc" },
    take: TRAIT_SAMPLE,
  });
  const tallies = new Map<string, Tally>();
  const personal = new Set<string>();
  for (const customer of customers) {
    const traits = (customer.traits ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(traits)) if (isIdentifying(name)) personal.add(name);
    for (const [name, value] of Object.entries(customerFeatures(traits, customer.timeZone))) {
      if (value === null) continue;
      const tally = tallies.get(name) ?? {
        kinds: new Set(),
        count: 0,
        min: Infinity,
        max: -Infinity,
        values: new Map(),
      };
      tally.count += 1;
      if (typeof value === "number") {
        tally.kinds.add("number");
        tally.min = Math.min(tally.min, value);
        tally.max = Math.max(tally.max, value);
      } else if (typeof value === "boolean") {
        tally.kinds.add("boolean");
      } else {
        tally.kinds.add("text");
        tally.values.set(value, (tally.values.get(value) ?? 0) + 1);
      }
      tallies.set(name, tally);
    }
  }

  const stored = await postgresPolicyStateStore(ctx.db, workspaceId).load(nodeKeyOf(journeyId, stepId));
  const encodings = stored ? parseBanditState(stored.state).traits : {};
  const traits = [...tallies.entries()]
    .map(([name, tally]): LearnableTrait => {
      const kind = kindOf(tally);
      const automatic = Object.hasOwn(encodings, name) ? encodings[name] : undefined;
      return {
        name,
        kind,
        share: customers.length ? tally.count / customers.length : 0,
        ...(kind === "number" ? { min: tally.min, max: tally.max } : {}),
        ...(kind === "text"
          ? {
              values: [...tally.values.entries()]
                .sort((a, b) => b[1] - a[1])
                .slice(0, MAX_VALUES)
                .map(([value]) => value),
            }
          : {}),
        ...(automatic ? { automatic } : {}),
      };
    })
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
  return { sampled: customers.length, traits, personal: [...personal].sort() };
}
