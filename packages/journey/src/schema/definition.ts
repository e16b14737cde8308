import { z } from "zod";
import { journeyEdgeSchema } from "./edge";
import { LIMITS } from "./limits";
import { journeyNodeSchema } from "./node";

export const JOURNEY_FORMAT_VERSION = 1 as const;

const formatVersionSchema = z.literal(JOURNEY_FORMAT_VERSION, {
  error: `unsupported format version; this build reads formatVersion ${JOURNEY_FORMAT_VERSION}`,
});
const tooManyNodes = `a journey holds at most ${LIMITS.maxNodes} nodes`;
const tooManyEdges = `a journey holds at most ${LIMITS.maxEdges} edges`;

/** The stored graph of one journey version. Semantic checks (ids, reachability...) are compile's job. */
export const journeyDefinitionSchema = z.strictObject({
  formatVersion: formatVersionSchema,
  nodes: z.array(journeyNodeSchema).max(LIMITS.maxNodes, tooManyNodes),
  edges: z.array(journeyEdgeSchema).max(LIMITS.maxEdges, tooManyEdges),
});
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;

/** The outer shape only, so that compile can judge each node and edge on its own. */
export const definitionEnvelopeSchema = z.strictObject({
  formatVersion: formatVersionSchema,
  nodes: z.array(z.unknown()).max(LIMITS.maxNodes, tooManyNodes),
  edges: z.array(z.unknown()).max(LIMITS.maxEdges, tooManyEdges),
});

export function createEmptyDefinition(): JourneyDefinition {
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes: [], edges: [] };
}
