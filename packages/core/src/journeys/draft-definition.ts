import {
  definitionEnvelopeSchema,
  idSchema,
  type JourneyDefinition,
  LIMITS,
  NODE_KINDS,
  nodeEnvelopeSchema,
} from "@northstar/journey";
import { z } from "zod";
import { refuseUnstorable } from "../runtime/storable-json";

/**
 * What a draft save accepts: a well-formed graph whose node configs may still be incomplete (a node just dragged
 * from the palette). Incomplete configs are reported by compile as INVALID_CONFIG diagnostics, never lost.
 * Unknown node kinds, malformed ids and oversize graphs are refused here, naming the field.
 */
const draftShape = definitionEnvelopeSchema.extend({
  nodes: z
    .array(
      nodeEnvelopeSchema.extend({
        kind: z.enum(NODE_KINDS as [string, ...string[]], {
          error: `unknown node kind; expected one of ${NODE_KINDS.join(", ")}`,
        }),
      }),
    )
    .max(LIMITS.maxNodes, `a journey holds at most ${LIMITS.maxNodes} nodes`),
  edges: z
    .array(z.looseObject({ id: idSchema, source: idSchema, target: idSchema }))
    .max(LIMITS.maxEdges, `a journey holds at most ${LIMITS.maxEdges} edges`),
});

/**
 * Checked whole before zod copies it: a NUL or an unpaired surrogate anywhere (PostgreSQL would refuse the jsonb or
 * answer 500), a number beyond the double range or a `__proto__` key is refused naming its path.
 */
export const draftDefinitionSchema = z.unknown().superRefine(refuseUnstorable).pipe(draftShape);

/** A stored definition: drafts may hold incomplete configs, so this is typed loosely on purpose. */
export type StoredDefinition = z.infer<typeof draftShape>;

export function parseStoredDefinition(json: unknown): StoredDefinition {
  return draftShape.parse(json);
}

/** Treats a stored draft as a definition for the pure helpers (diff, export) that only read ids and fields. */
export function asDefinition(stored: StoredDefinition): JourneyDefinition {
  return stored as unknown as JourneyDefinition;
}
