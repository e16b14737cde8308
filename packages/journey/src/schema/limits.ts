/**
 * Size limits of a journey definition. They exist so that an oversize payload fails validation with a clear
 * message instead of exhausting the API or the canvas. The node limit is what the compiler is benchmarked at.
 */
export const LIMITS = {
  maxNodes: 10_000,
  maxEdges: 30_000,
  maxIdLength: 64,
  maxNameLength: 120,
  maxShortTextLength: 200,
  maxTextLength: 2_000,
  maxBodyLength: 100_000,
  maxFilters: 20,
  maxListItems: 50,
  maxCoordinate: 1_000_000,
  maxWaitMinutes: 525_600,
} as const;
