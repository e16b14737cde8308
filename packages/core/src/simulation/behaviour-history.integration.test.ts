import { createTestDatabase, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { behaviourFromHistory, DEFAULT_DAILY_PROBABILITY } from "./behaviour-history";

describe("behaviourFromHistory", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("gives events named __proto__ or constructor a probability of their own, like any other event", async () => {
    const ws = await createWorkspace(t.prisma);
    const events = ["__proto__", "constructor", "Viewed"];
    const { behaviour, source } = await behaviourFromHistory(t.prisma, ws.id, events, new Date());
    if (!behaviour.events) throw new Error("the behaviour names its events");
    expect(Object.keys(behaviour.events)).toEqual(events);
    expect(Object.keys(source)).toEqual(events);
    for (const name of events)
      expect(Object.getOwnPropertyDescriptor(behaviour.events, name)?.value).toBe(DEFAULT_DAILY_PROBABILITY);
    expect(Object.getPrototypeOf(behaviour.events)).toBe(Object.prototype);
  });
});
