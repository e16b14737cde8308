import type { ResolvedContext } from "../compile/context";
import { LEARNING_PHASE_OUTCOMES } from "../decision-gate";
import { type GraphNode, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import { boundMetric } from "../schema/objective";
import type { AgentConfig } from "../schema/agent";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/** AGENT_TOO_FEW_OPTIONS, AGENT_FALLBACK_NOT_AN_OPTION, AGENT_OPTION_UNDESCRIBED, AGENT_CANNOT_LEARN. */
export function checkAgents(graph: JourneyGraph, context: ResolvedContext, out: Diagnostic[]): void {
  graph.nodes.forEach((node: GraphNode, i) => {
    if (node.kind !== "agent") return;
    const options = outgoingOf(graph, i).map((e) => graph.edges[e] as (typeof graph.edges)[number]);
    if (options.length < 2) {
      out.push(
        diagnostic(
          "AGENT_TOO_FEW_OPTIONS",
          `Agent ${describeNode(node)} has ${options.length} option(s); it needs at least two to decide between.`,
          {
            nodeId: node.id,
            details: { optionCount: options.length },
          },
        ),
      );
    }
    for (const option of options) {
      if (option.edge && !option.edge.option) {
        out.push(
          diagnostic(
            "AGENT_OPTION_UNDESCRIBED",
            `Option edge "${option.id}" of agent ${describeNode(node)} has no label or description for the agent to read.`,
            {
              nodeId: node.id,
              edgeId: option.id,
            },
          ),
        );
      }
    }
    if (node.node?.kind === "agent" && options.length >= 2) {
      for (const problem of learningProblems(node.node.config, context)) {
        out.push(
          diagnostic("AGENT_CANNOT_LEARN", `Agent ${describeNode(node)} ${problem.message}`, {
            nodeId: node.id,
            details: { setting: problem.setting },
          }),
        );
      }
    }
    const fallback = node.node?.kind === "agent" ? node.node.config.fallbackOptionEdgeId : undefined;
    if (fallback !== undefined && !options.some((o) => o.id === fallback)) {
      out.push(
        diagnostic(
          "AGENT_FALLBACK_NOT_AN_OPTION",
          `Agent ${describeNode(node)} falls back to edge "${fallback}", which is not one of its options.`,
          {
            nodeId: node.id,
            edgeId: fallback,
          },
        ),
      );
    }
  });
}

interface LearningProblem {
  setting: "objective" | "exploration" | "minConfidence";
  message: string;
}

/** Settings under which a node cannot learn which option works, or never acts on what it learned. */
function learningProblems(config: AgentConfig, context: ResolvedContext): LearningProblem[] {
  const problems: LearningProblem[] = [];
  if (context.objectiveValid && context.objective && !boundMetric(context.objective)) {
    problems.push({
      setting: "objective",
      message:
        "cannot learn: the journey's objective names no event to measure, so no choice ever earns a reward. " +
        "Give the objective a metric event.",
    });
  }
  if (config.policy !== "llm" && config.exploration === 0) {
    problems.push({
      setting: "exploration",
      message:
        `explores 0% of decisions: after its learning phase (${LEARNING_PHASE_OUTCOMES} outcomes per option) an option ` +
        "that started badly may never be measured again. Set exploration to 5-10%.",
    });
  }
  if (config.exploration >= 0.5) {
    problems.push({
      setting: "exploration",
      message: `spends ${Math.round(config.exploration * 100)}% of decisions exploring: it learns, but rarely acts on what it learned. Set exploration to 5-10%.`,
    });
  }
  const floor = context.guardrails?.minConfidence ?? 0;
  const minConfidence = Math.max(config.minConfidence, floor);
  if (minConfidence >= 0.99) {
    const below = config.fallbackOptionEdgeId ? "takes its fallback option" : "waits for a person";
    problems.push({
      setting: "minConfidence",
      message:
        `requires ${Math.round(minConfidence * 100)}% confidence: after its learning phase almost every choice it does ` +
        `not make to explore ${below}, so it never acts on what it learned. Lower the minimum confidence to 50-80%.`,
    });
  }
  return problems;
}
