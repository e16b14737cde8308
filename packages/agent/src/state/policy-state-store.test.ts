import { describe, expect, it } from "vitest";
import { InMemoryPolicyStateStore } from "./policy-state-store";

describe("InMemoryPolicyStateStore", () => {
  it("saves only over the expected version", async () => {
    const store = new InMemoryPolicyStateStore<{ n: number }>();
    expect(await store.load("node")).toBeNull();
    expect(await store.save("node", { n: 1 }, null)).toEqual({ ok: true, version: 1 });
    expect(await store.save("node", { n: 2 }, null)).toEqual({ ok: false, reason: "version_conflict" });
    expect(await store.save("node", { n: 2 }, 1)).toEqual({ ok: true, version: 2 });
    expect(await store.load("node")).toEqual({ state: { n: 2 }, version: 2 });
  });
});
