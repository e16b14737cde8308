import type { HistoryJourney } from "./history-journeys";

export const HISTORY_DAYS = 180;
export const DAY_MS = 86_400_000;

/** Deterministic PRNG (mulberry32): the same demo on every machine. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Traffic {
  /** entries[d] = entries d days ago (index 0 = today). */
  entries: number[];
  /** Per edge id, fires per day d days ago. */
  edges: Map<string, number[]>;
}

/**
 * Daily entries with a weekly rhythm and noise, and each edge's share of them. A stale edge fires only up to its
 * last day (and surely on that day, so lastFiredAt is exact); a never-fired edge stays at zero.
 */
export function simulateTraffic(journey: HistoryJourney, seed: number): Traffic {
  const rnd = random(seed);
  const live = Math.min(journey.liveDaysAgo ?? 0, HISTORY_DAYS - 1);
  const [from, to] = journey.entryWindow ?? [live, 0];
  const entries = Array.from({ length: HISTORY_DAYS }, (_, d) => {
    if (journey.status === "DRAFT" || d > from || d < to || d > live) return 0;
    if (journey.pauses?.some(([p, r]) => d <= p && d > (r ?? -1))) return 0;
    const weekday = 1 + 0.25 * Math.sin((d / 7) * 2 * Math.PI);
    return Math.max(1, Math.round(journey.entriesPerDay * weekday * (0.75 + rnd() * 0.5)));
  });
  const edges = new Map<string, number[]>();
  for (const edge of journey.definition.edges) {
    const last = journey.lastFired?.[edge.id];
    const share = journey.shares?.[edge.id] ?? (last === undefined ? 1 : 0.1);
    edges.set(
      edge.id,
      entries.map((n, d) => {
        if (last === null || (last !== undefined && d < last) || n === 0) return 0;
        const count = Math.round(n * share * (0.8 + rnd() * 0.4));
        return last !== undefined && d === last ? Math.max(1, count) : count;
      }),
    );
  }
  return { entries, edges };
}

/** The day a daily series last counted something (days ago), or null. */
export function lastDay(series: number[]): number | null {
  const i = series.findIndex((n) => n > 0);
  return i === -1 ? null : i;
}
