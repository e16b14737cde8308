import type { DecisionInput, DecisionPolicy, DecisionResult, RewardObservation } from "../policy/types";
import type { Random } from "../random";
import type { PolicyStateStore } from "../state/policy-state-store";
import { type BanditState, emptyBanditState, type OptionStats, optionStats, parseBanditState } from "./state";
import { applyReward, decide, type ThompsonConfig } from "./thompson";

export interface LearningPolicyOptions extends ThompsonConfig {
  store: PolicyStateStore;
  /** Seeded in tests and the simulator; `Math.random` in production. */
  random: Random;
  /** Attempts of load-apply-save when other workers keep winning the race. */
  maxSaveAttempts?: number;
}

/**
 * The built-in policy: contextual Thompson sampling per agent node over online Bayesian probit regression (see
 * probit.ts), state in a PolicyStateStore shared by every worker.
 */
export class LearningPolicy implements DecisionPolicy {
  readonly name = "learning";
  /** Parsed state per node and the version it was parsed from, so an unchanged state is not re-validated. */
  private readonly parsed = new Map<string, { version: number; state: BanditState }>();

  constructor(private readonly options: LearningPolicyOptions) {}

  private async load(nodeId: string): Promise<{ state: BanditState; version: number | null }> {
    const stored = await this.options.store.load(nodeId);
    if (!stored) return { state: emptyBanditState(), version: null };
    const cached = this.parsed.get(nodeId);
    if (cached && cached.version === stored.version) return cached;
    const entry = { state: parseBanditState(stored.state), version: stored.version };
    this.parsed.set(nodeId, entry);
    return entry;
  }

  async state(nodeId: string): Promise<BanditState> {
    return (await this.load(nodeId)).state;
  }

  async choose(input: DecisionInput): Promise<DecisionResult> {
    return decide((await this.load(input.node.id)).state, input, this.options.random, this.options);
  }

  async update(observation: RewardObservation): Promise<void> {
    const attempts = this.options.maxSaveAttempts ?? 20;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const { state, version } = await this.load(observation.nodeId);
      // A refit is slow; a retry that refitted again could keep losing to a busy writer, so retries postpone it.
      const next = applyReward(state, observation, this.options, { refit: attempt === 0 });
      const saved = await this.options.store.save(observation.nodeId, next, version);
      if (saved.ok) {
        this.parsed.set(observation.nodeId, { version: saved.version, state: next });
        return;
      }
      // Two writers that retry at once keep colliding: a growing, jittered pause lets one of them through.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new Error(
      `policy state of node ${observation.nodeId} kept changing; reward not recorded after ${attempts} tries`,
    );
  }

  /** Learned per-option statistics, for the LLM prompt and the explanation view. */
  async stats(nodeId: string, edgeIds: readonly string[]): Promise<OptionStats[]> {
    return optionStats(await this.state(nodeId), edgeIds);
  }
}
