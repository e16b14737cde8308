import type { GuardrailBlock } from "@northstar/agent";
import type { DecisionRecord, StepResult } from "@northstar/engine";
import type { DecisionPhase } from "@northstar/journey";

export interface Volume {
  /** Distinct customers. */
  customers: number;
  /** Passes, counting a customer once per pass through a loop. */
  passes: number;
}

export interface OptionShares {
  decisions: number;
  /** Decisions per phase (journey's decision-gate.ts): learning, exploring, confident, unsure, none eligible. */
  byPhase: Partial<Record<DecisionPhase, number>>;
  explored: number;
  /** Per chosen edge: count and share of the node's decisions. */
  byEdge: Record<string, { count: number; share: number }>;
}

export interface BlockCount {
  total: number;
  /** The send was skipped and the customer moved on. */
  skipped: number;
  /** The send waited (quiet hours with "delay"). */
  delayed: number;
  /** The deliverable went to human review. */
  review: number;
}

/** How a block ended, read from the step's result. */
function effectOf(result: StepResult): keyof Omit<BlockCount, "total"> {
  if (result.type === "park") return result.state === "REVIEW" ? "review" : "delayed";
  return "skipped";
}

const bump = (record: Record<string, number>, key: string, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

/** Counts accumulated over the whole run; one customer at a time (`beginCustomer`), so distinct counts are cheap. */
export class Tally {
  readonly nodes: Record<string, Volume> = {};
  readonly edges: Record<string, Volume> = {};
  readonly options: Record<string, OptionShares> = {};
  readonly blocks: Record<string, BlockCount> = {};
  readonly sendsByChannel: Record<string, number> = {};
  readonly sendsByStep: Record<string, number> = {};
  readonly finished: Record<string, number> = {};
  readonly waitingByStep: Record<string, number> = {};
  readonly reviewByStep: Record<string, number> = {};
  private seenNodes = new Set<string>();
  private seenEdges = new Set<string>();

  beginCustomer() {
    this.seenNodes.clear();
    this.seenEdges.clear();
  }

  enterNode(stepId: string) {
    const volume = this.nodes[stepId] ?? { customers: 0, passes: 0 };
    this.nodes[stepId] = volume;
    volume.passes++;
    if (!this.seenNodes.has(stepId)) {
      this.seenNodes.add(stepId);
      volume.customers++;
    }
  }

  takeEdge(edgeId: string) {
    const volume = this.edges[edgeId] ?? { customers: 0, passes: 0 };
    this.edges[edgeId] = volume;
    volume.passes++;
    if (!this.seenEdges.has(edgeId)) {
      this.seenEdges.add(edgeId);
      volume.customers++;
    }
  }

  decide(decision: DecisionRecord) {
    const shares = this.options[decision.stepId] ?? { decisions: 0, byPhase: {}, explored: 0, byEdge: {} };
    this.options[decision.stepId] = shares;
    shares.decisions++;
    shares.byPhase[decision.phase] = (shares.byPhase[decision.phase] ?? 0) + 1;
    if (decision.explore) shares.explored++;
    const edge = shares.byEdge[decision.chosenEdgeId] ?? { count: 0, share: 0 };
    shares.byEdge[decision.chosenEdgeId] = edge;
    edge.count++;
  }

  block(blocks: readonly GuardrailBlock[], result: StepResult) {
    const effect = effectOf(result);
    for (const { code } of blocks) {
      const count = this.blocks[code] ?? { total: 0, skipped: 0, delayed: 0, review: 0 };
      this.blocks[code] = count;
      count.total++;
      count[effect]++;
    }
  }

  send(stepId: string, channel: string) {
    bump(this.sendsByChannel, channel);
    bump(this.sendsByStep, stepId);
  }

  end(state: string, stepId: string, reason: string | null) {
    if (state === "WAITING") bump(this.waitingByStep, stepId);
    else if (state === "REVIEW") bump(this.reviewByStep, stepId);
    else bump(this.finished, reason ? `${state}:${reason}` : state);
  }

  /** Shares are filled once, at the end. */
  finishShares() {
    for (const shares of Object.values(this.options)) {
      for (const edge of Object.values(shares.byEdge)) edge.share = edge.count / shares.decisions;
    }
  }
}
