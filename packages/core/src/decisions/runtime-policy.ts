import { type DecisionResult, LearningPolicy, LlmPolicy, type Random } from "@northstar/agent";
import type { PrismaClient } from "@northstar/db";
import { agentDecisionInput, type DecisionInput, type DecisionPolicy } from "@northstar/engine";
import { type LiveGuardrails, liveGuardrailsReader } from "./live-guardrails";
import { postgresBudgetLedger, postgresPolicyStateStore } from "./policy-state-store";

/** How to reach the model; read from OPENAI_* through packages/env by the process that builds the policy. */
export interface LlmConnection {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs?: number;
}

export interface RuntimePolicyOptions {
  db: PrismaClient;
  /** Absent: every node decides with the built-in learning policy, whatever it asks for. */
  llm?: LlmConnection | null;
  random?: Random;
  /** Every LLM fallback (timeout, 429, malformed answer, unknown option, budget), for the process's log. */
  onFallback?: (event: { nodeId: string; code: string; reason: string }) => void;
  /** How long a journey's guardrails are reused before they are read again. */
  guardrailsTtlMs?: number;
  /** The live guardrails, shared with the step's briefs so both read the same budget (default: a reader of its own). */
  liveGuardrails?: LiveGuardrails;
}

/**
 * The runtime's decision policy: each agent node asks the built-in learning policy or, when it says "llm" or "both"
 * and a model is configured, the LLM policy (which falls back to the learning one on any failure and once the
 * workspace's daily LLM budget is spent). State and spend live in PostgreSQL, shared by every worker. The answer
 * names the policy that decided in `policy` and why the requested one did not in `fallbackReason`.
 */
export function runtimeDecisionPolicy(options: RuntimePolicyOptions): DecisionPolicy {
  const { db, llm } = options;
  const random = options.random ?? Math.random;
  const learning = new Map<string, LearningPolicy>();
  const models = new Map<string, LlmPolicy>();
  const guardrailsOf = options.liveGuardrails ?? liveGuardrailsReader(db, options.guardrailsTtlMs);
  const settings = llm
    ? { apiKey: llm.apiKey, baseURL: llm.baseURL, model: llm.model, timeoutMs: llm.timeoutMs ?? 8_000 }
    : null;

  const learningFor = (workspaceId: string) => {
    let policy = learning.get(workspaceId);
    if (!policy) {
      policy = new LearningPolicy({ store: postgresPolicyStateStore(db, workspaceId), random });
      learning.set(workspaceId, policy);
    }
    return policy;
  };
  const modelFor = (workspaceId: string, mode: "llm" | "both") => {
    if (!settings) return null;
    const key = `${workspaceId}/${mode}`;
    let policy = models.get(key);
    if (!policy) {
      policy = new LlmPolicy({
        settings,
        learning: learningFor(workspaceId),
        budget: postgresBudgetLedger(db, workspaceId),
        mode,
        onFallback: options.onFallback,
      });
      models.set(key, policy);
    }
    return policy;
  };
  return {
    name: "learning",
    async choose(input: DecisionInput): Promise<DecisionResult> {
      const wanted = input.decision.policy;
      const model = wanted === "learning" ? null : modelFor(input.workspaceId, wanted);
      const policy = model ?? learningFor(input.workspaceId);
      const live = model ? await guardrailsOf(input.journeyId) : undefined;
      const agentInput = agentDecisionInput(input, live?.guardrails);
      const result =
        model && live
          ? await model.chooseWith(
              // The plan binds the objective without its description; the prompt carries it.
              live.objectiveDescription
                ? { ...agentInput, objective: { ...agentInput.objective, description: live.objectiveDescription } }
                : agentInput,
              { modelDataPolicy: live.modelDataPolicy },
            )
          : await policy.choose(agentInput);
      return wanted !== "learning" && !model
        ? { ...result, fallbackReason: "not_configured: no LLM is configured, so the learning policy decided" }
        : result;
    },
  };
}
