import { z } from "zod";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic";
import { resolveGuardrails } from "../guardrails/resolve-guardrails";
import { formatJsonPath } from "../issue-path";
import { type Guardrails, guardrailsOverrideSchema, guardrailsSchema } from "../schema/guardrails";

export const DEFAULT_STALE_AFTER_DAYS = 90;

export const objectiveBindingSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  /** Owned by the objectives domain; compile only binds it into the plan. */
  metric: z.json(),
});
export type ObjectiveBinding = z.infer<typeof objectiveBindingSchema>;

export const edgeActivitySchema = z.object({ lastFiredAt: z.date().nullable(), count: z.number().int().min(0) });
export type EdgeActivity = z.infer<typeof edgeActivitySchema>;

export const journeyActivitySchema = z.object({
  /** When the journey was first published; null while it has never been live. */
  liveSince: z.date().nullable(),
  edges: z.record(z.string(), edgeActivitySchema),
  now: z.date(),
  staleAfterDays: z.number().int().min(1).max(3650).default(DEFAULT_STALE_AFTER_DAYS),
});
export type JourneyActivity = z.input<typeof journeyActivitySchema>;

export const compileContextSchema = z.object({
  objective: objectiveBindingSchema.nullable(),
  /** When given, the objective must be one of these (the admin's objectives). */
  knownObjectiveIds: z.array(z.string()).optional(),
  guardrails: z.object({ global: guardrailsSchema, override: guardrailsOverrideSchema.nullish() }),
  activity: journeyActivitySchema.optional(),
});
export type CompileContext = z.input<typeof compileContextSchema>;

/** The context as the analyses use it; a part is null when it was invalid (its INVALID_CONTEXT says why). */
export interface ResolvedContext {
  objective: ObjectiveBinding | null;
  objectiveValid: boolean;
  knownObjectiveIds: ReadonlySet<string> | null;
  guardrails: Guardrails | null;
  activity: z.output<typeof journeyActivitySchema> | null;
}

export function resolveContext(input: unknown): { context: ResolvedContext; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const part = <T extends z.ZodType>(key: string, schema: T): z.output<T> | null => {
    const parsed = schema.safeParse(record[key]);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const path = formatJsonPath([key, ...issue.path], "context");
      diagnostics.push(diagnostic("INVALID_CONTEXT", `Invalid compile context at ${path}: ${issue.message}`, { path }));
    }
    return null;
  };
  const shape = compileContextSchema.shape;
  const objective = part("objective", shape.objective);
  const knownObjectiveIds = part("knownObjectiveIds", shape.knownObjectiveIds);
  const guardrails = part("guardrails", shape.guardrails);
  const activity = part("activity", shape.activity);
  return {
    context: {
      objective,
      objectiveValid: diagnostics.every((d) => !d.path?.startsWith("context.objective")),
      knownObjectiveIds: knownObjectiveIds ? new Set(knownObjectiveIds) : null,
      guardrails: guardrails ? resolveGuardrails(guardrails.global, guardrails.override) : null,
      activity: activity ?? null,
    },
    diagnostics,
  };
}
