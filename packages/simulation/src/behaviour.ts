import type { Behaviour } from "./settings";

const DAY = 86_400_000;

/**
 * Event times under the behaviour model: a customer fires an event as a Poisson process whose rate gives the daily
 * probability p (rate = -ln(1 - p) per day). Memorylessness lets the simulator draw the next occurrence from any
 * instant, e.g. when a customer starts waiting for the event or when a send changes the objective's rate.
 */
export class BehaviourModel {
  constructor(private readonly behaviour: Behaviour) {}

  dailyProbability(event: string): number {
    return this.behaviour.events[event] ?? this.behaviour.defaultDailyProbability;
  }

  /** The objective's daily probability after `sends` messages. */
  objectiveProbability(event: string, sends: number): number {
    const base = this.dailyProbability(event);
    return sends === 0 ? base : Math.min(1, base * this.behaviour.sendLift ** sends);
  }

  /** The next occurrence after `from` (ms), or Infinity when it never happens. */
  nextOccurrence(from: number, dailyProbability: number, random: () => number): number {
    if (dailyProbability <= 0) return Number.POSITIVE_INFINITY;
    if (dailyProbability >= 1) return from + random() * DAY;
    const rate = -Math.log(1 - dailyProbability) / DAY;
    return from - Math.log(1 - random()) / rate;
  }
}
