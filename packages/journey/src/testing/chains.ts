import { compile, type CompileResult } from "../compile/compile";
import type { CompileContext } from "../compile/context";
import type { DiagnosticCode } from "../diagnostics/codes";
import type { JourneyDefinition } from "../schema/definition";
import type { JourneyEdge } from "../schema/edge";
import type { JourneyNode } from "../schema/node";
import { compileContext, defineJourney } from "./journeys";
import { edge } from "./nodes";

/** Connects the nodes in order with edges whose ids are "e:<source>:<target>". */
export function chainJourney(nodes: JourneyNode[], extraEdges: JourneyEdge[] = []): JourneyDefinition {
  const edges: JourneyEdge[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const source = (nodes[i - 1] as JourneyNode).id;
    const target = (nodes[i] as JourneyNode).id;
    edges.push(edge(`e:${source}:${target}`, source, target));
  }
  return defineJourney(nodes, [...edges, ...extraEdges]);
}

/** The diagnostic codes compile reports for a definition (any JSON), sorted and without repeats. */
export function diagnosticCodes(definition: unknown, context: CompileContext = compileContext()): DiagnosticCode[] {
  return [...new Set(compile(definition, context).diagnostics.map((d) => d.code))].sort();
}

/** The diagnostics of one code, to look at their ids, paths and messages. */
export function diagnosticsOf(result: CompileResult, code: DiagnosticCode) {
  return result.diagnostics.filter((d) => d.code === code);
}
