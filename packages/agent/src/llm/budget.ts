/**
 * The daily LLM budget (guardrail `dailyLlmBudgetUsd`) as a reservation: before a call starts it reserves the most
 * the call can cost, and only if the day's spend plus what calls in flight have reserved plus this maximum stays
 * within the budget; after the answer (or the failure) it settles: the reservation is released and the real cost
 * recorded. So the day's spend never exceeds the budget, however many calls run at once in however many workers.
 * The runtime keeps the ledger in PostgreSQL (one row per workspace and UTC day, changed by single conditional
 * statements); `InMemoryBudgetLedger` is the same contract for one process (unit tests, the simulator).
 */
export interface BudgetLedger {
  /** Reserves `maxUsd` when `spent + reserved + maxUsd <= budgetUsd`, atomically; else says what stands in the way. */
  reserve(day: string, maxUsd: number, budgetUsd: number): Promise<Reservation>;
  /** Releases a reservation of `reservedUsd` and records `costUsd`; `answered` counts the call. */
  settle(day: string, reservedUsd: number, costUsd: number, answered: boolean): Promise<void>;
  /** The day's recorded spend (settled calls only). */
  spent(day: string): Promise<number>;
}

export type Reservation = { ok: true } | { ok: false; spentUsd: number; reservedUsd: number };

export class InMemoryBudgetLedger implements BudgetLedger {
  private readonly days = new Map<string, { spent: number; reserved: number }>();

  private day(day: string) {
    let entry = this.days.get(day);
    if (!entry) {
      entry = { spent: 0, reserved: 0 };
      this.days.set(day, entry);
    }
    return entry;
  }

  async reserve(day: string, maxUsd: number, budgetUsd: number): Promise<Reservation> {
    const entry = this.day(day);
    if (entry.spent + entry.reserved + maxUsd > budgetUsd) {
      return { ok: false, spentUsd: entry.spent, reservedUsd: entry.reserved };
    }
    entry.reserved += maxUsd;
    return { ok: true };
  }

  async settle(day: string, reservedUsd: number, costUsd: number): Promise<void> {
    const entry = this.day(day);
    entry.reserved = Math.max(0, entry.reserved - reservedUsd);
    entry.spent += costUsd;
  }

  async spent(day: string): Promise<number> {
    return this.days.get(day)?.spent ?? 0;
  }

  /** Records spend as a settled call would (tests that start from a partly spent day). */
  async record(day: string, usd: number): Promise<void> {
    this.day(day).spent += usd;
  }
}

/** USD per million tokens. */
export interface TokenPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export function costOf(usage: { prompt_tokens?: number; completion_tokens?: number } | undefined, price: TokenPrice) {
  return (
    ((usage?.prompt_tokens ?? 0) * price.inputPerMillion + (usage?.completion_tokens ?? 0) * price.outputPerMillion) /
    1_000_000
  );
}

const utf8 = new TextEncoder();

/** Tokens of framing per request (roles, message separators) on top of the text; generous on purpose. */
const FRAMING_TOKENS = 64;

/**
 * The most a call can cost: every byte of what is sent (the messages and the response schema, which the provider
 * adds to the prompt) counted as a prompt token (a BPE token covers at least one byte), plus the completion at its
 * cap (`max_completion_tokens`, which the endpoint enforces).
 */
export function maxCostOf(sent: readonly string[], maxCompletionTokens: number, price: TokenPrice): number {
  const bytes = sent.reduce((sum, text) => sum + utf8.encode(text).length, 0);
  return costOf({ prompt_tokens: bytes + FRAMING_TOKENS, completion_tokens: maxCompletionTokens }, price);
}

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);
