import { describe, expect, it } from "vitest";
import { liftAgainstHoldout } from "./holdout-lift";
import { wilsonInterval } from "./intervals";

describe("wilsonInterval", () => {
  it("matches published values and stays informative at zero successes", () => {
    const { low, high } = wilsonInterval(5, 56);
    expect(low).toBeCloseTo(0.0388, 3);
    expect(high).toBeCloseTo(0.1926, 4);
    expect(wilsonInterval(0, 29)).toEqual({ low: 0, high: expect.closeTo(0.117, 4) });
    expect(wilsonInterval(10, 10)).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("liftAgainstHoldout", () => {
  it("reproduces Newcombe's hybrid score intervals (1998, method 10)", () => {
    const examples = [
      { treated: [56, 70], holdout: [48, 80], low: 0.0524, high: 0.3339 },
      { treated: [9, 10], holdout: [3, 10], low: 0.1705, high: 0.809 },
      { treated: [5, 56], holdout: [0, 29], low: -0.0381, high: 0.1926 },
    ];
    for (const { treated, holdout, low, high } of examples) {
      const lift = liftAgainstHoldout(
        { conversions: treated[0] as number, customers: treated[1] as number },
        { conversions: holdout[0] as number, customers: holdout[1] as number },
      );
      expect(lift.low).toBeCloseTo(low, 3);
      expect(lift.high).toBeCloseTo(high, 3);
    }
  });

  it("gives each rate with its Wilson interval", () => {
    const lift = liftAgainstHoldout({ conversions: 5, customers: 56 }, { conversions: 0, customers: 29 });
    expect(lift.lift).toBeCloseTo(5 / 56, 10);
    expect(lift.treated).toEqual({ rate: 5 / 56, ...wilsonInterval(5, 56) });
    expect(lift.holdout).toEqual({ rate: 0, low: 0, high: expect.closeTo(0.117, 4) });
  });

  it("handles no conversions anywhere and an empty holdout", () => {
    const none = liftAgainstHoldout({ conversions: 0, customers: 1_000 }, { conversions: 0, customers: 50 });
    expect(none.lift).toBe(0);
    expect(none.low).toBeLessThan(-0.05);
    expect(none.high).toBeGreaterThan(0);
    const empty = liftAgainstHoldout({ conversions: 30, customers: 1_000 }, { conversions: 0, customers: 0 });
    expect(empty).toMatchObject({ lift: null, low: -1, high: 1, holdout: { rate: null, low: 0, high: 1 } });
  });

  it("narrows with a larger holdout", () => {
    const small = liftAgainstHoldout({ conversions: 200, customers: 1_000 }, { conversions: 5, customers: 50 });
    const large = liftAgainstHoldout({ conversions: 200, customers: 1_000 }, { conversions: 50, customers: 500 });
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 2);
  });

  it("rejects impossible counts", () => {
    expect(() => liftAgainstHoldout({ conversions: 3, customers: 2 }, { conversions: 0, customers: 1 })).toThrow(
      RangeError,
    );
    expect(() => liftAgainstHoldout({ conversions: 1.5, customers: 2 }, { conversions: 0, customers: 1 })).toThrow(
      RangeError,
    );
  });
});
