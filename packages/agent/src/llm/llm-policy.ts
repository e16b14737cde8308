import { z } from "zod";
import type { LearningPolicy } from "../bandit/learning-policy";
import { decisionPhase } from "@northstar/journey";
import { filterEligible } from "../eligibility/eligibility";
import type { DecisionInput, DecisionPolicy, DecisionResult, RewardObservation } from "../policy/types";
import { type ModelDataPolicy, withinModelDataPolicy } from "../features/model-features";
import type { BudgetLedger } from "./budget";
import { decisionJsonSchema, decisionPrompt } from "./decision-prompt";
import { type LlmCallContext, type LlmSettings, structuredCall } from "./structured-call";

const answerSchema = z.object({
  choice: z.string().min(1),
  confidence: z.number().min(0).max(1),
  rationale: z.string().min(1).max(2_000),
});

export interface LlmPolicyOptions {
  settings: LlmSettings;
  /** Decides whenever the LLM cannot, and supplies the learned statistics and scores. */
  learning: LearningPolicy;
  budget: BudgetLedger;
  /** Used when the input carries no guardrails. */
  dailyBudgetUsd?: number;
  /**
   * "llm": ask the model every time. "both": let the learning policy decide alone once it is confident
   * (confidence >= the node's minimum), and ask the model only while it is not; that spends the budget where
   * learning has too little evidence.
   */
  mode?: "llm" | "both";
  now?: () => Date;
  /** Receives every fallback, for the worker's logs; the reason is also in the result. */
  onFallback?: (event: { nodeId: string; code: string; reason: string }) => void;
  client?: LlmCallContext["client"];
}

/** The LLM policy: structured output validated by zod; every failure falls back to the built-in policy. */
export class LlmPolicy implements DecisionPolicy {
  readonly name: string;

  constructor(private readonly options: LlmPolicyOptions) {
    this.name = options.mode === "both" ? "both" : "llm";
  }

  choose(input: DecisionInput): Promise<DecisionResult> {
    return this.chooseWith(input, {});
  }

  /**
   * `choose`, with what the prompt may carry decided by the caller: the workspace's data policy for models narrows
   * the customer's features in the prompt (the learning policy still sees them all).
   */
  async chooseWith(input: DecisionInput, context: { modelDataPolicy?: ModelDataPolicy }): Promise<DecisionResult> {
    const learned = await this.options.learning.choose(input);
    const { eligible } = filterEligible(input.candidates, input.customer.features);
    // Nothing to ask about: the fallback (or review) is already decided.
    if (eligible.length < 2 || learned.usedFallback) return learned;
    // "Both": the learning policy decides where it is confident, the model where it is not.
    if (this.options.mode === "both" && learned.phase === "confident") return learned;

    const stats = await this.options.learning.stats(
      input.node.id,
      eligible.map((c) => c.edgeId),
    );
    const prompt = decisionPrompt(
      context.modelDataPolicy
        ? {
            ...input,
            customer: {
              ...input.customer,
              features: withinModelDataPolicy(input.customer.features, context.modelDataPolicy),
            },
          }
        : input,
      eligible,
      stats,
    );
    const result = await structuredCall(
      {
        // A decision's answer is short: a small cap keeps what each call reserves of the budget small.
        settings: { maxCompletionTokens: 600, ...this.options.settings },
        budget: this.options.budget,
        dailyBudgetUsd: input.guardrails?.dailyLlmBudgetUsd ?? this.options.dailyBudgetUsd ?? 0,
        now: this.options.now ?? (() => new Date()),
        client: this.options.client,
      },
      {
        ...prompt,
        name: "decision",
        jsonSchema: decisionJsonSchema(eligible.map((c) => c.edgeId)),
        schema: answerSchema,
      },
    );
    if (!result.ok) return this.fallback(input, learned, result.code, result.reason);
    const chosen = eligible.find((c) => c.edgeId === result.value.choice);
    if (!chosen) {
      const reason = `the LLM chose "${result.value.choice.slice(0, 60)}", which is not an eligible option`;
      return this.fallback(input, learned, "unknown_option", reason);
    }
    // Exploring is the learning policy's notion; the model's pick is its best guess.
    const phase = decisionPhase({
      explore: false,
      confidence: result.value.confidence,
      evidence: learned.evidence,
      minConfidence: input.node.minConfidence,
      hasFallback: Boolean(input.node.fallbackEdgeId),
    });
    return {
      ...learned,
      chosenEdgeId: chosen.edgeId,
      explore: false,
      confidence: result.value.confidence,
      propensities: {},
      rationale: result.value.rationale,
      policy: "llm",
      phase,
      needsReview: phase === "unsure_review",
    };
  }

  update(observation: RewardObservation): Promise<void> {
    return this.options.learning.update(observation);
  }

  private fallback(input: DecisionInput, learned: DecisionResult, code: string, reason: string): DecisionResult {
    this.options.onFallback?.({ nodeId: input.node.id, code, reason });
    return {
      ...learned,
      policy: "learning",
      fallbackReason: `${code}: ${reason}`,
      rationale: `${learned.rationale} (LLM not used: ${reason}.)`,
    };
  }
}
