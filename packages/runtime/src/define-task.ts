import type { Task } from "graphile-worker";
import type { z } from "zod";

/** A typed job: the payload is validated with zod before the handler runs; a bad payload fails the job loudly. */
export interface TaskDefinition<S extends z.ZodType, D> {
  name: string;
  payload: S;
  handler: (payload: z.infer<S>, deps: D, helpers: Parameters<Task>[1]) => Promise<void>;
}

export function defineTask<S extends z.ZodType, D>(definition: TaskDefinition<S, D>): TaskDefinition<S, D> {
  return definition;
}

export function toGraphileTask<S extends z.ZodType, D>(definition: TaskDefinition<S, D>, deps: D): Task {
  return async (raw, helpers) => {
    const parsed = definition.payload.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new Error(`Job ${definition.name} has an invalid payload: ${parsed.error.message}`);
    }
    await definition.handler(parsed.data, deps, helpers);
  };
}
