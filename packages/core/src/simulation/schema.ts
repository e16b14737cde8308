import {
  behaviourSchema,
  MAX_HORIZON_DAYS,
  MAX_POPULATION,
  type SimulationResults,
  syntheticMixSchema,
} from "@northstar/simulation";
import { guardrailsSchema } from "@northstar/journey";
import { z } from "zod";

export const SIMULATION_STATUSES = ["QUEUED", "RUNNING", "DONE", "CANCELLED", "FAILED"] as const;
export type SimulationStatus = (typeof SIMULATION_STATUSES)[number];
export const OPEN_SIMULATION_STATUSES: SimulationStatus[] = ["QUEUED", "RUNNING"];

/** The graphile-worker task that runs a queued simulation. */
export const SIMULATE_JOURNEY_TASK = "simulate-journey";

export const populationSchema = z.strictObject({
  kind: z.enum(["sample", "synthetic"]),
  size: z
    .number()
    .int("size must be a whole number")
    .min(1, "size must be at least 1")
    .max(MAX_POPULATION, `size must be at most ${MAX_POPULATION.toLocaleString("en-US")}`),
  /** Profiles of a synthetic population; the default mix without. */
  mix: syntheticMixSchema.optional(),
});

export const StartSimulationInput = z.strictObject({
  journeyId: z.string().min(1),
  /** Default: the journey's draft (else its latest version). */
  versionId: z.string().min(1).optional(),
  population: populationSchema,
  horizonDays: z
    .number()
    .int("horizonDays must be a whole number")
    .min(1, "horizonDays must be at least 1")
    .max(MAX_HORIZON_DAYS, `horizonDays must be at most ${MAX_HORIZON_DAYS}`),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});
export type StartSimulationInputType = z.input<typeof StartSimulationInput>;

/** Where each event's daily probability came from. */
const behaviourSourceSchema = z.record(z.string(), z.enum(["history", "default"]));

/** What is stored in Simulation.settings; parsed on every read. */
export const storedSettingsSchema = z.strictObject({
  population: populationSchema,
  horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS),
  seed: z.number().int().min(0),
  start: z.coerce.date(),
  entryDays: z.number().min(0),
  behaviour: behaviourSchema,
  behaviourSource: behaviourSourceSchema,
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

/** The stored results' envelope; written by the simulator, read back for display. */
const storedResultsSchema = z.looseObject({
  customers: z.number(),
  nodes: z.record(z.string(), z.looseObject({ customers: z.number(), passes: z.number() })),
  edges: z.record(z.string(), z.looseObject({ customers: z.number(), passes: z.number() })),
  options: z.record(z.string(), z.looseObject({ decisions: z.number() })),
  messages: z.looseObject({ total: z.number() }),
  blocks: z.record(z.string(), z.looseObject({ total: z.number() })),
  objective: z.looseObject({ all: z.looseObject({ perThousand: z.number() }) }),
});

export function parseStoredResults(json: unknown): SimulationResults | null {
  if (json === null || json === undefined) return null;
  return storedResultsSchema.parse(json) as unknown as SimulationResults;
}

export const GuardrailDryRunInput = z.strictObject({ proposed: guardrailsSchema });
