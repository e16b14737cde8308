import { wilsonInterval } from "./intervals";

export interface ArmCounts {
  conversions: number;
  customers: number;
}

export interface RateWithInterval {
  /** conversions / customers; null without customers. */
  rate: number | null;
  /** 95% Wilson score interval; [0, 1] without customers. */
  low: number;
  high: number;
}

export interface HoldoutLift {
  treated: RateWithInterval;
  holdout: RateWithInterval;
  /** Treated rate minus holdout rate (percentage points as a fraction); null when an arm has no customers. */
  lift: number | null;
  /** 95% Newcombe hybrid score interval of the difference; [-1, 1] when an arm has no customers. */
  low: number;
  high: number;
}

/**
 * Lift of the journey over its holdout: the difference of conversion rates with a 95% interval by Newcombe's hybrid
 * score method (Newcombe 1998, method 10), which combines each arm's Wilson interval. Unlike the Wald interval
 * (p₁ − p₂ ± 1.96·se) it keeps close to 95% coverage with small holdouts and rare conversions, and stays finite and
 * non-degenerate when an arm has no conversions (or all). Both arms are taken as independent binomial samples: the
 * holdout is drawn at random at the journey's entry.
 */
export function liftAgainstHoldout(treated: ArmCounts, holdout: ArmCounts): HoldoutLift {
  check("treated", treated);
  check("holdout", holdout);
  const t = rateOf(treated);
  const h = rateOf(holdout);
  if (t.rate === null || h.rate === null) return { treated: t, holdout: h, lift: null, low: -1, high: 1 };
  const lift = t.rate - h.rate;
  return {
    treated: t,
    holdout: h,
    lift,
    low: lift - Math.hypot(t.rate - t.low, h.high - h.rate),
    high: lift + Math.hypot(t.high - t.rate, h.rate - h.low),
  };
}

function rateOf({ conversions, customers }: ArmCounts): RateWithInterval {
  return { rate: customers > 0 ? conversions / customers : null, ...wilsonInterval(conversions, customers) };
}

function check(arm: string, { conversions, customers }: ArmCounts): void {
  if (!Number.isInteger(customers) || customers < 0 || !Number.isInteger(conversions) || conversions < 0) {
    throw new RangeError(`${arm}: counts must be whole numbers >= 0 (got ${conversions} of ${customers})`);
  }
  if (conversions > customers) throw new RangeError(`${arm}: ${conversions} conversions of ${customers} customers`);
}
