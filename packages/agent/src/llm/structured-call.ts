import OpenAI, { APIConnectionTimeoutError, APIError, RateLimitError } from "openai";
import type { z } from "zod";
import { type BudgetLedger, costOf, maxCostOf, type TokenPrice, utcDay } from "./budget";

/** How to reach an OpenAI-compatible endpoint. The caller reads OPENAI_* through packages/env and passes them. */
export interface LlmSettings {
  baseURL?: string;
  apiKey: string;
  model: string;
  /** A decision waits at most this long; then the built-in policy decides. */
  timeoutMs?: number;
  /** Retries inside the SDK (429, 5xx). 0 by default: a fallback now beats a better answer later. */
  maxRetries?: number;
  price?: TokenPrice;
  /** Cap of an answer's tokens, sent as `max_completion_tokens`: with the prompt, it bounds what a call reserves. */
  maxCompletionTokens?: number;
}

export interface LlmCallContext {
  settings: LlmSettings;
  budget: BudgetLedger;
  dailyBudgetUsd: number;
  now: () => Date;
  /** One client per settings object; tests inject their own. */
  client?: OpenAI;
}

export type FailureCode =
  | "budget_exhausted"
  | "timeout"
  | "rate_limited"
  | "llm_error"
  | "malformed_answer"
  | "unknown_option";

export type CallResult<T> =
  | { ok: true; value: T; costUsd: number }
  | { ok: false; code: FailureCode; reason: string; costUsd: number };

const DEFAULT_PRICE: TokenPrice = { inputPerMillion: 0.15, outputPerMillion: 0.6 };
const DEFAULT_MAX_COMPLETION_TOKENS = 1_500;
const clients = new WeakMap<LlmSettings, OpenAI>();

function clientFor(context: LlmCallContext): OpenAI {
  if (context.client) return context.client;
  let client = clients.get(context.settings);
  if (!client) {
    client = new OpenAI({
      apiKey: context.settings.apiKey,
      baseURL: context.settings.baseURL,
      timeout: context.settings.timeoutMs ?? 10_000,
      maxRetries: context.settings.maxRetries ?? 0,
    });
    clients.set(context.settings, client);
  }
  return client;
}

/**
 * One Chat Completions call with a JSON-schema response format, the answer validated by `schema`. Never throws:
 * every failure comes back with a code and a reason the decision log shows. The call reserves its maximum cost in
 * the daily budget before it starts (refused when that would pass the budget) and settles the real cost after,
 * whether the answer was valid or not; a call the endpoint never answered costs nothing.
 */
export async function structuredCall<T>(
  context: LlmCallContext,
  request: { system: string; user: string; name: string; jsonSchema: Record<string, unknown>; schema: z.ZodType<T> },
): Promise<CallResult<T>> {
  const day = utcDay(context.now());
  const price = context.settings.price ?? DEFAULT_PRICE;
  const maxTokens = context.settings.maxCompletionTokens ?? DEFAULT_MAX_COMPLETION_TOKENS;
  const maxUsd = maxCostOf([request.system, request.user, JSON.stringify(request.jsonSchema)], maxTokens, price);
  const reservation = await context.budget.reserve(day, maxUsd, context.dailyBudgetUsd);
  if (!reservation.ok) {
    const inFlight =
      reservation.reservedUsd > 0 ? `, $${reservation.reservedUsd.toFixed(4)} held by calls in flight` : "";
    return {
      ok: false,
      code: "budget_exhausted",
      reason: `daily LLM budget of $${context.dailyBudgetUsd} spent ($${reservation.spentUsd.toFixed(4)} today${inFlight}; this call may cost $${maxUsd.toFixed(4)})`,
      costUsd: 0,
    };
  }
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await clientFor(context).chat.completions.create({
      model: context.settings.model,
      max_completion_tokens: maxTokens,
      messages: [
        { role: "system", content: request.system },
        { role: "user", content: request.user },
      ],
      response_format: {
        type: "json_schema",
        json_schema: { name: request.name, strict: true, schema: request.jsonSchema },
      },
    });
  } catch (error) {
    await context.budget.settle(day, maxUsd, 0, false);
    return { ok: false, ...classify(error), costUsd: 0 };
  }
  const costUsd = costOf(completion.usage, price);
  await context.budget.settle(day, maxUsd, costUsd, true);

  const content = completion.choices[0]?.message?.content ?? "";
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, code: "malformed_answer", reason: `answer is not JSON: ${content.slice(0, 80)}`, costUsd };
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      code: "malformed_answer",
      reason: `answer does not match the schema: ${issue?.path.join(".") || "(root)"} ${issue?.message ?? ""}`.trim(),
      costUsd,
    };
  }
  return { ok: true, value: parsed.data, costUsd };
}

function classify(error: unknown): { code: FailureCode; reason: string } {
  if (error instanceof APIConnectionTimeoutError) return { code: "timeout", reason: "the LLM did not answer in time" };
  if (error instanceof RateLimitError) return { code: "rate_limited", reason: "the LLM endpoint answered 429" };
  if (error instanceof APIError) {
    return { code: "llm_error", reason: `the LLM endpoint failed: ${error.status ?? "no status"} ${error.message}` };
  }
  return {
    code: "llm_error",
    reason: `the LLM call failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
