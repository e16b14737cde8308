import { describe, expect, it } from "vitest";
import { runSimulation } from "./run";

describe("decision simulator", () => {
  it("the built-in policy beats uniform random and, once it has learned, the best static tree", async () => {
    const report = await runSimulation({
      customers: 10_000,
      seed: 3,
      exploration: 0.01,
      thompson: { confidenceSamples: 50 },
    });
    expect(report.perThousand.learning).toBeGreaterThan(report.perThousand.random);
    expect(report.lastQuarter.perThousand.learning).toBeGreaterThan(report.lastQuarter.perThousand.staticTree);
    expect(report.perThousand.oracle).toBeGreaterThan(report.perThousand.staticTree);
  }, 120_000);
});
