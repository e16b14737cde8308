import { lintOutgoing, type PastSend, renderDeliverable, seededRandom } from "@northstar/agent";
import {
  type DecisionHistoryItem,
  type DecisionPolicy,
  type EnrollmentState,
  evaluateStep,
  type StepPorts,
} from "@northstar/engine";
import { boundMetric, type ExecutionPlan, type Guardrails, type PlanStep, type PlanStepOf } from "@northstar/journey";
import { BehaviourModel } from "./behaviour";
import { renderFeaturesOf, type PolicySnapshot, simulatedPolicy } from "./policy";
import type { SimulatedCustomer } from "./population";
import { type RunSettingsInput, runSettingsSchema } from "./settings";
import { type SimulationResults, summarise } from "./summary";
import { Tally } from "./tally";

const DAY = 86_400_000;
/** Customers of a plan whose objective has no readable metric are followed this long for a conversion. */
const DEFAULT_WINDOW_DAYS = 14;
/** A customer taking more transitions than this is in a loop the virtual clock never leaves. */
const MAX_TRANSITIONS = 10_000;

export interface SimulationInput {
  plan: ExecutionPlan;
  workspaceId: string;
  journeyId: string;
  versionId: string;
  customers: readonly SimulatedCustomer[];
  settings: RunSettingsInput;
  /** Guardrails to run under instead of the plan's (a guardrail dry run). */
  guardrails?: Guardrails;
  /** Learned policy state to start from (cold start without). */
  policySnapshot?: PolicySnapshot;
  /** Replaces the built-in policy (tests). */
  policy?: DecisionPolicy;
  /** Called after every chunk with the share of customers done; awaited. */
  onProgress?: (progress: number) => void | Promise<void>;
  /** Checked after every chunk; an aborted run throws SimulationCancelled. */
  signal?: AbortSignal;
  /** Customers per chunk. */
  chunkSize?: number;
}

export class SimulationCancelled extends Error {
  constructor() {
    super("The simulation was cancelled");
    this.name = "SimulationCancelled";
  }
}

/** A 32-bit seed per customer, so a customer's draws do not depend on chunking or on the customers before them. */
const customerSeed = (seed: number, index: number) =>
  Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);

/** Rendered content is not kept: the simulation needs whether a send would go out, not what it says. */
type Content = true;

interface CustomerRun {
  customer: SimulatedCustomer;
  random: () => number;
  sends: PastSend[];
  decisions: DecisionHistoryItem[];
}

/**
 * Runs a compiled plan for a population on a virtual clock, with the runtime's step engine (`evaluateStep`) and
 * in-memory ports. Customers never affect each other (the policy learns nothing during a run and caps count each
 * customer's own sends), so each customer's timeline is played to the horizon in turn: the next due instant is the
 * earlier of the pending step (now, a wait's end, a quiet-hours delay, an awaited event) and the objective event.
 * Deterministic for a seed. No I/O.
 */
export async function simulate(input: SimulationInput): Promise<SimulationResults> {
  const settings = runSettingsSchema.parse(input.settings);
  const { plan } = input;
  const guardrails = input.guardrails ?? plan.guardrails;
  const steps = new Map<string, PlanStep>(plan.steps.map((s) => [s.id, s]));
  const entries = plan.entryStepIds
    .map((id) => steps.get(id))
    .filter((s): s is PlanStepOf<"entry"> => s?.kind === "entry");
  if (entries.length === 0) throw new Error("The plan has no entry step to simulate");
  const policy = input.policy ?? (await simulatedPolicy(settings.seed, input.policySnapshot));
  const behaviour = new BehaviourModel(settings.behaviour);
  const metric = boundMetric(plan.objective);
  const objectiveEvent = metric?.event ?? null;
  const windowMs = (metric?.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY;
  const start = settings.start.getTime();
  const horizonEnd = start + settings.horizonDays * DAY;
  const entryMs = Math.min(settings.entryDays, settings.horizonDays) * DAY;

  const n = input.customers.length;
  const tally = new Tally();
  const messages = new Uint16Array(n);
  const converted = new Uint8Array(n);
  const holdout = new Uint8Array(n);
  const run: CustomerRun = {
    customer: input.customers[0] as SimulatedCustomer,
    random: Math.random,
    sends: [],
    decisions: [],
  };

  const ports: StepPorts<Content> = {
    policy,
    defaultTimeZone: settings.defaultTimeZone,
    async decisionHistory() {
      return run.decisions;
    },
    async recentSends(channel, since) {
      return run.sends.filter((s) => s.channel === channel && s.at >= since);
    },
    async prepareMessage(intent, options) {
      if (options.approved) return { ok: true, content: true };
      const { deliverable } = await renderDeliverable(
        intent.config.content,
        { id: run.customer.id, features: renderFeaturesOf(run.customer) },
        { channel: intent.channel, purpose: intent.config.purpose, guardrails },
      );
      // Linted as the runtime lints what it sends (it adds the open pixel and unsubscribe link to every email).
      const blocks = lintOutgoing(
        {
          channel: intent.channel,
          purpose: intent.config.purpose,
          subject: deliverable.subject ?? null,
          body: deliverable.body,
        },
        guardrails,
        intent.config.content,
      );
      return blocks.length === 0 ? { ok: true, content: true } : { ok: false, blocks };
    },
  };

  const chunkSize = input.chunkSize ?? 1_000;
  for (let index = 0; index < n; index++) {
    const customer = input.customers[index] as SimulatedCustomer;
    const random = seededRandom(customerSeed(settings.seed, index));
    run.customer = customer;
    run.random = random;
    run.sends = [...(customer.priorSends ?? [])];
    run.decisions = [];
    tally.beginCustomer();

    const entry = entries[index % entries.length] as PlanStepOf<"entry">;
    const enteredAt = start + random() * entryMs;
    // As the runtime enrolls: one draw against the entry's holdout share.
    const enrollment: EnrollmentState = {
      id: `sim-enrollment-${index + 1}`,
      workspaceId: input.workspaceId,
      journeyId: input.journeyId,
      versionId: input.versionId,
      holdout: random() < entry.config.holdoutShare,
      seq: 0,
      waitUntil: null,
      waitingFor: null,
      resumedBy: null,
    };
    if (enrollment.holdout) holdout[index] = 1;

    let step: PlanStep = entry;
    let at = enteredAt;
    let state = "ACTIVE";
    let reason: string | null = null;
    let sent = 0;
    let objectiveAt = objectiveEvent
      ? behaviour.nextOccurrence(enteredAt, behaviour.objectiveProbability(objectiveEvent, 0), random)
      : Number.POSITIVE_INFINITY;
    tally.enterNode(step.id);

    for (let transitions = 0; ; transitions++) {
      if (objectiveAt <= Math.min(at, horizonEnd)) {
        // The objective's event completes an open enrollment wherever it is, as event processing does.
        state = "COMPLETED";
        reason = "goal";
        break;
      }
      if (at > horizonEnd) break;
      if (transitions >= MAX_TRANSITIONS) {
        state = "FAILED";
        reason = "step_limit";
        break;
      }
      const now = new Date(at);
      const outcome = await evaluateStep({ plan, step, enrollment, customer, guardrails, now }, ports);
      const { result } = outcome;
      if (outcome.decision) {
        tally.decide(outcome.decision);
        run.decisions.push({ stepId: step.id, chosenEdgeId: outcome.decision.chosenEdgeId, at: now });
      }
      if (outcome.blocks.length > 0) tally.block(outcome.blocks, result);
      if (outcome.send) {
        sent++;
        run.sends.push({ channel: outcome.send.intent.channel, at: now, journeyId: input.journeyId });
        tally.send(step.id, outcome.send.intent.channel);
        if (objectiveEvent && settings.behaviour.sendLift !== 1) {
          // Memoryless: the next occurrence under the new rate is drawn from now.
          const p = behaviour.objectiveProbability(objectiveEvent, sent);
          objectiveAt = Math.min(objectiveAt, behaviour.nextOccurrence(at, p, random));
        }
      }

      if (result.type === "advance") {
        const edgeId: string = result.edgeId;
        const target: string | undefined = step.successors.find((s) => s.edgeId === edgeId)?.target;
        const next: PlanStep | undefined = target ? steps.get(target) : undefined;
        if (!next) throw new Error(`Step ${step.id} has no edge ${result.edgeId} to a known step`);
        tally.takeEdge(result.edgeId);
        tally.enterNode(next.id);
        step = next;
        state = "ACTIVE";
        enrollment.seq++;
        enrollment.waitUntil = null;
        enrollment.waitingFor = null;
        enrollment.resumedBy = null;
        continue;
      }
      if (result.type === "finish") {
        state = result.state;
        reason = result.reason;
        break;
      }
      state = result.state;
      enrollment.waitUntil = result.until;
      enrollment.waitingFor = result.waitingFor;
      if (result.state === "REVIEW" || !result.until) {
        // Nobody reviews in a simulation: the customer stays until the horizon (or the objective).
        at = Number.POSITIVE_INFINITY;
        continue;
      }
      at = result.until.getTime();
      const awaited = result.waitingFor;
      if (step.kind === "wait" && awaited && awaited !== objectiveEvent && !enrollment.resumedBy) {
        const arrives = behaviour.nextOccurrence(now.getTime(), behaviour.dailyProbability(awaited), random);
        if (arrives < at) {
          at = arrives;
          enrollment.resumedBy = `simulated:${awaited}`;
        }
      }
    }

    tally.end(state, step.id, reason);
    messages[index] = sent;
    if (objectiveAt <= Math.min(enteredAt + windowMs, horizonEnd)) converted[index] = 1;

    if ((index + 1) % chunkSize === 0 || index === n - 1) {
      await input.onProgress?.((index + 1) / n);
      if (input.signal?.aborted) throw new SimulationCancelled();
      // Let timers, I/O callbacks and cancellation requests run between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  if (input.signal?.aborted) throw new SimulationCancelled();

  return summarise({
    plan,
    settings,
    objectiveEvent,
    tally,
    messages,
    converted,
    holdout,
  });
}
