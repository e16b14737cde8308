/**
 * Where learned policy state lives between decisions and across worker processes. Writes use optimistic
 * concurrency: `save` succeeds only if the stored version is still `expectedVersion` (null = not stored yet), so two
 * workers updating the same node never lose each other's counts; the loser reloads and retries.
 * States are JSON-serialisable and treated as immutable by the policies (they never mutate what `load` returned).
 * The Postgres implementation belongs with the runtime's schema: one row per node key holding the state JSON and an
 * integer version, saved with `UPDATE ... SET state = $3, version = version + 1 WHERE key = $1 AND version = $2`
 * (or an INSERT ... ON CONFLICT DO NOTHING when expectedVersion is null); zero rows changed = conflict.
 */
export interface StoredState<S> {
  state: S;
  version: number;
}

export type SaveResult = { ok: true; version: number } | { ok: false; reason: "version_conflict" };

export interface PolicyStateStore<S = unknown> {
  load(nodeKey: string): Promise<StoredState<S> | null>;
  save(nodeKey: string, state: S, expectedVersion: number | null): Promise<SaveResult>;
}

/**
 * In-memory store for the simulator and tests. It keeps the objects it is given (no copy): policies never mutate
 * state, and copying a large state on every decision would dominate the simulator's run time.
 */
export class InMemoryPolicyStateStore<S = unknown> implements PolicyStateStore<S> {
  private readonly rows = new Map<string, StoredState<S>>();

  async load(nodeKey: string): Promise<StoredState<S> | null> {
    return this.rows.get(nodeKey) ?? null;
  }

  async save(nodeKey: string, state: S, expectedVersion: number | null): Promise<SaveResult> {
    const current = this.rows.get(nodeKey)?.version ?? null;
    if (current !== expectedVersion) return { ok: false, reason: "version_conflict" };
    const version = (current ?? 0) + 1;
    this.rows.set(nodeKey, { state, version });
    return { ok: true, version };
  }
}
