import { checkAgents } from "../diagnostics/agents";
import { checkCycles } from "../diagnostics/cycles";
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic";
import { checkMessages } from "../diagnostics/messages";
import { checkObjective } from "../diagnostics/objective";
import { checkQuietHours } from "../diagnostics/quiet-hours";
import { checkRuleSplits } from "../diagnostics/rule-splits";
import { checkStaleBranches } from "../diagnostics/stale-branches";
import { checkStructure } from "../diagnostics/structure";
import { buildPlan } from "./build-plan";
import { type CompileContext, resolveContext } from "./context";
import { parseDefinition } from "./parse-definition";
import type { ExecutionPlan } from "./plan";

export interface CompileResult {
  /** Null whenever there is an error diagnostic: a plan always is executable. */
  plan: ExecutionPlan | null;
  /** Sorted: errors first, then by code and location. */
  diagnostics: Diagnostic[];
}

/**
 * Compiles a journey definition (any JSON: it is validated here) into an execution plan. Pure and deterministic;
 * never throws: every problem, including an internal one, comes back as a diagnostic.
 */
export function compile(definition: unknown, context: CompileContext): CompileResult {
  try {
    return compileUnsafe(definition, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { plan: null, diagnostics: [diagnostic("COMPILE_FAILED", `Compilation failed unexpectedly: ${reason}`)] };
  }
}

function compileUnsafe(definition: unknown, rawContext: unknown): CompileResult {
  const { context, diagnostics } = resolveContext(rawContext);
  const parsed = parseDefinition(definition);
  diagnostics.push(...parsed.diagnostics);
  checkObjective(context, diagnostics);
  const graph = parsed.graph;
  if (!graph) return { plan: null, diagnostics: sortDiagnostics(diagnostics) };

  checkStructure(graph, diagnostics);
  checkCycles(graph, diagnostics);
  checkAgents(graph, context, diagnostics);
  checkRuleSplits(graph, diagnostics);
  checkMessages(graph, context.guardrails, diagnostics);
  checkQuietHours(graph, context.guardrails?.quietHours ?? null, diagnostics);
  checkStaleBranches(graph, context.activity, diagnostics);

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !context.objective || !context.guardrails) return { plan: null, diagnostics: sorted };
  return { plan: buildPlan(graph, context.objective, context.guardrails), diagnostics: sorted };
}
