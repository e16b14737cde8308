/**
 * The daily LLM budget (guardrail `dailyLlmBudgetUsd`). Spend is recorded per UTC day; the runtime implements the
 * ledger on its database (a counter row per workspace and day, incremented atomically) so every worker sees it.
 */
export interface BudgetLedger {
  spent(day: string): Promise<number>;
  record(day: string, usd: number): Promise<void>;
}

export class InMemoryBudgetLedger implements BudgetLedger {
  private readonly days = new Map<string, number>();

  async spent(day: string): Promise<number> {
    return this.days.get(day) ?? 0;
  }

  async record(day: string, usd: number): Promise<void> {
    this.days.set(day, (this.days.get(day) ?? 0) + usd);
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

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);
