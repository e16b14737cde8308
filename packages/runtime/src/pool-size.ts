/**
 * Connections a worker process's queue pool needs for `concurrency` jobs at once: one per running job (a step
 * borrows one per statement and holds none while a model or a provider answers), one for graphile-worker's LISTEN
 * and one for fetching and completing jobs between them. graphile-worker's default (10) would otherwise cap a
 * concurrency of 25 well below 25.
 */
export function queuePoolSize(concurrency: number): number {
  return concurrency + 2;
}
