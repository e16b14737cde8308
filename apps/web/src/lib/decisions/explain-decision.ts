import { z } from "zod";

/** A decision row as the API returns it; the JSON columns are parsed here, never trusted. */
export interface DecisionRow {
  id: string;
  stepId: string;
  policy: string;
  candidates: unknown;
  removed: unknown;
  scores: unknown;
  chosenEdgeId: string;
  explore: boolean;
  confidence: number;
  rationale: string;
  reward: number | null;
  /** Labels of every option of the node, when the caller knows them (removed options are logged by edge id only). */
  optionLabels?: Record<string, string>;
}

const candidatesSchema = z.array(z.object({ edgeId: z.string(), label: z.string().optional() })).catch([]);
const removedSchema = z.array(z.object({ edgeId: z.string(), reason: z.string() })).catch([]);
const scoresSchema = z.record(z.string(), z.number()).catch({});

export interface ExplainedOption {
  edgeId: string;
  label: string;
  /** The policy's score in [0, 1]; null for removed options and when the policy gave none. */
  score: number | null;
  chosen: boolean;
  /** Why a rule or guardrail removed the option before the policy saw it. */
  removedBy: string | null;
}

export interface DecisionExplanation {
  id: string;
  stepId: string;
  chosenLabel: string;
  options: ExplainedOption[];
  /** The policy that answered, e.g. "learning" or "llm". */
  policy: string;
  /** Why the configured policy did not answer or its choice was not taken, when that happened. */
  fallbackReason: string | null;
  explore: boolean;
  confidence: number;
  rationale: string;
  reward: number | null;
}

/**
 * Policies name a fallback in their label ("learning (llm fallback: timeout)"); "fallback" means no option was
 * eligible; a choice below the node's minimum confidence says so in its rationale.
 */
export function policyAnswer(policy: string, rationale: string): { policy: string; fallbackReason: string | null } {
  const named = /^(.+?) \((?:\w+ )?fallback: (.+)\)$/.exec(policy);
  if (named?.[1] && named[2]) return { policy: named[1], fallbackReason: named[2] };
  if (policy === "fallback") return { policy: "fallback option", fallbackReason: "no option was eligible" };
  if (/took the fallback option instead/.test(rationale)) {
    return { policy, fallbackReason: "confidence below the node's minimum: took the fallback option" };
  }
  return { policy, fallbackReason: null };
}

/** Options in the order the policy saw them, then the removed ones; scores as logged. */
export function explainDecision(row: DecisionRow): DecisionExplanation {
  const candidates = candidatesSchema.parse(row.candidates);
  const removed = removedSchema.parse(row.removed);
  const scores = scoresSchema.parse(row.scores);
  const labelOf = (edgeId: string, logged?: string) => logged ?? row.optionLabels?.[edgeId] ?? edgeId;
  const options: ExplainedOption[] = [
    ...candidates.map((c) => ({
      edgeId: c.edgeId,
      label: labelOf(c.edgeId, c.label),
      score: scores[c.edgeId] ?? null,
      chosen: c.edgeId === row.chosenEdgeId,
      removedBy: null,
    })),
    ...removed
      .filter((r) => !candidates.some((c) => c.edgeId === r.edgeId))
      .map((r) => ({
        edgeId: r.edgeId,
        label: labelOf(r.edgeId),
        score: null,
        chosen: r.edgeId === row.chosenEdgeId,
        removedBy: r.reason,
      })),
  ];
  const chosen = options.find((o) => o.chosen);
  return {
    id: row.id,
    stepId: row.stepId,
    chosenLabel: chosen?.label ?? labelOf(row.chosenEdgeId),
    options,
    ...policyAnswer(row.policy, row.rationale),
    explore: row.explore,
    confidence: row.confidence,
    rationale: row.rationale,
    reward: row.reward,
  };
}
