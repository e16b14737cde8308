import type { GraphEdge, GraphNode, JourneyGraph } from "../graph/journey-graph";
import { canonicalJson } from "../hash/canonical-json";
import { Sha256 } from "../hash/sha256";
import type { JourneyEdge } from "../schema/edge";
import type { Guardrails } from "../schema/guardrails";
import type { JourneyNode } from "../schema/node";
import { REVIEW_REJECTED_HANDLE } from "../schema/flow-control";
import { WAIT_TIMEOUT_HANDLE } from "../schema/wait";
import type { ObjectiveBinding } from "./context";
import { type ExecutionPlan, PLAN_VERSION, type PlanStep, type PlanSuccessor, type RequiredStep } from "./plan";
import { requiredChecks } from "./required-checks";

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the plan from a graph that compiled without errors: every node and edge in it is valid. */
export function buildPlan(graph: JourneyGraph, objective: ObjectiveBinding, guardrails: Guardrails): ExecutionPlan {
  const steps: PlanStep[] = [];
  const requiredSteps: RequiredStep[] = [];
  const nodes = [...(graph.nodes as Array<GraphNode & { node: JourneyNode }>)].sort((a, b) => compareIds(a.id, b.id));
  for (const graphNode of nodes) {
    const outgoing = (graph.outgoing[graph.nodeIndexById.get(graphNode.id) as number] ?? [])
      .map((e) => graph.edges[e] as GraphEdge & { edge: JourneyEdge })
      .sort((a, b) => compareIds(a.id, b.id));
    const step = buildStep(graphNode.node, outgoing, (i) => (graph.nodes[i] as GraphNode).id, guardrails);
    steps.push(step);
    const hasEligibility = outgoing.some((e) => (e.edge.option?.eligibility.length ?? 0) > 0);
    const checks = requiredChecks(graphNode.node, hasEligibility, guardrails);
    if (checks.length > 0) requiredSteps.push({ stepId: graphNode.id, checks });
  }

  const body = {
    planVersion: PLAN_VERSION,
    formatVersion: 1 as const,
    objective: { id: objective.id, name: objective.name, metric: objective.metric },
    entryStepIds: steps.filter((s) => s.kind === "entry").map((s) => s.id),
    steps,
    requiredSteps,
    guardrails,
  };
  return { ...body, hash: planHash(body) };
}

/**
 * The plan's content hash: SHA-256 over the canonical JSON of what the runtime executes. Names are display-only and
 * left out (renaming a step or an objective changes nothing that runs). Decision, wait and review details are
 * derived from the configs and successors, so only what they add (option texts, branch conditions) is hashed:
 * that keeps the hashed document about half the plan's size. `planHash(plan) === plan.hash` verifies a stored plan.
 */
export function planHash(plan: Omit<ExecutionPlan, "hash">): string {
  const header = {
    planVersion: plan.planVersion,
    formatVersion: plan.formatVersion,
    objective: { id: plan.objective.id, metric: plan.objective.metric },
    entryStepIds: plan.entryStepIds,
    requiredSteps: plan.requiredSteps,
    guardrails: plan.guardrails,
  };
  // Hashes canonicalJson([header, ...steps]) in chunks of about 64 KB, so the whole document is never held in memory.
  const hasher = new Sha256();
  let chunk = `[${canonicalJson(header)}`;
  for (const step of plan.steps) {
    chunk += `,${canonicalJson(semanticStep(step))}`;
    if (chunk.length > 65_536) {
      hasher.update(chunk);
      chunk = "";
    }
  }
  return hasher.update(`${chunk}]`).digestHex();
}

function semanticStep(step: PlanStep): unknown[] {
  return [
    step.id,
    step.kind,
    step.config,
    step.successors.map((s) => [s.edgeId, s.target, s.handle ?? null]),
    step.kind === "agent"
      ? step.decision.options.map((o) => [o.edgeId, o.label, o.description, o.eligibility])
      : step.kind === "rule_split"
        ? step.branches.map((b) => [b.edgeId, b.condition])
        : null,
  ];
}

function buildStep(
  node: JourneyNode,
  outgoing: Array<GraphEdge & { edge: JourneyEdge }>,
  idOf: (i: number) => string,
  guardrails: Guardrails,
): PlanStep {
  const successors: PlanSuccessor[] = outgoing.map((e) =>
    e.edge.sourceHandle === undefined
      ? { edgeId: e.id, target: idOf(e.target) }
      : { edgeId: e.id, target: idOf(e.target), handle: e.edge.sourceHandle },
  );
  const step = {
    id: node.id,
    kind: node.kind,
    config: node.config,
    successors,
    irreversible: node.kind === "message",
  } as PlanStep & Record<string, unknown>;
  if (node.name !== undefined) step.name = node.name;

  switch (node.kind) {
    case "agent": {
      const { decides, policy, exploration, minConfidence, fallbackOptionEdgeId, learnsFrom } = node.config;
      const options = outgoing.map((e) => ({
        edgeId: e.id,
        label: e.edge.option?.label ?? e.edge.label ?? idOf(e.target),
        description: e.edge.option?.description ?? "",
        eligibility: e.edge.option?.eligibility ?? [],
        target: idOf(e.target),
      }));
      step.decision = {
        decides,
        policy,
        exploration,
        // The admin's minimum agent confidence is a floor under every node's own.
        minConfidence: Math.max(minConfidence, guardrails.minConfidence),
        fallback: fallbackOptionEdgeId ?? null,
        options,
        // Only when set, so the plans (and hashes) of nodes that learn from everything stay as they were.
        ...(learnsFrom ? { learnsFrom } : {}),
      };
      break;
    }
    case "wait": {
      const c = node.config;
      step.wait =
        c.type === "until_event"
          ? {
              type: c.type,
              event: c.event,
              timeoutMinutes: c.timeoutMinutes,
              onEvent: edgeIdsWhere(successors, (h) => h !== WAIT_TIMEOUT_HANDLE),
              onTimeout: edgeIdsWhere(successors, (h) => h === WAIT_TIMEOUT_HANDLE),
            }
          : c.type === "duration"
            ? { type: c.type, minutes: c.minutes }
            : { type: c.type, windowHours: c.windowHours };
      break;
    }
    case "rule_split":
      step.branches = outgoing.map((e) => ({
        edgeId: e.id,
        condition: e.edge.condition ?? { type: "else" as const },
        target: idOf(e.target),
      }));
      break;
    case "review": {
      const { approverRole, slaHours, escalateTo } = node.config;
      step.review = {
        approverRole,
        slaHours,
        escalateTo: escalateTo ?? null,
        onApproved: edgeIdsWhere(successors, (h) => h !== REVIEW_REJECTED_HANDLE),
        onRejected: edgeIdsWhere(successors, (h) => h === REVIEW_REJECTED_HANDLE),
      };
      break;
    }
  }
  return step;
}

function edgeIdsWhere(successors: PlanSuccessor[], test: (handle: string | undefined) => boolean): string[] {
  return successors.filter((s) => test(s.handle)).map((s) => s.edgeId);
}
