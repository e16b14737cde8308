import { z } from "zod";
import { formatJsonPath } from "./issue-path";
import { JOURNEY_FORMAT_VERSION, type JourneyDefinition, journeyDefinitionSchema } from "./schema/definition";
import { nameSchema } from "./schema/primitives";

export const JOURNEY_DOCUMENT_FORMAT = "northstar.journey";
const MAX_PROBLEMS = 100;

/** The file a journey version is exported to and imported from. */
export const journeyDocumentSchema = z.strictObject({
  format: z.literal(JOURNEY_DOCUMENT_FORMAT, {
    error: `not a Northstar journey file (format must be "${JOURNEY_DOCUMENT_FORMAT}")`,
  }),
  formatVersion: z.literal(JOURNEY_FORMAT_VERSION, {
    error: `unsupported format version; this build reads formatVersion ${JOURNEY_FORMAT_VERSION}`,
  }),
  name: nameSchema,
  /** The objective the journey was bound to where it came from; informative, an import binds it anew. */
  objective: z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200) }).optional(),
  definition: journeyDefinitionSchema,
});
export type JourneyDocument = z.infer<typeof journeyDocumentSchema>;

export interface ExportMeta {
  name: string;
  objective?: { id: string; name: string } | null;
}

export interface ImportProblem {
  /** JSON path of the offending value, e.g. "$.definition.nodes[3].config.channel"; "$" for the whole file. */
  path: string;
  message: string;
}

export type ImportResult = { ok: true; document: JourneyDocument } | { ok: false; problems: ImportProblem[] };

/** Serialises a definition as a versioned, human-readable JSON document. */
export function exportJourney(definition: JourneyDefinition, meta: ExportMeta): string {
  const document: JourneyDocument = {
    format: JOURNEY_DOCUMENT_FORMAT,
    formatVersion: JOURNEY_FORMAT_VERSION,
    name: meta.name,
    ...(meta.objective ? { objective: { id: meta.objective.id, name: meta.objective.name } } : {}),
    definition,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Parses and validates an exported document; never throws, and names the JSON path of every problem. */
export function importJourney(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: "$", message: `not valid JSON: ${reason}` }] };
  }
  const parsed = journeyDocumentSchema.safeParse(json);
  if (parsed.success) return { ok: true, document: parsed.data };
  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
    path: formatJsonPath(issue.path),
    message: issue.message,
  }));
  return { ok: false, problems };
}
