import { describe, expect, it } from "vitest";
import { buildJourney, generateLargeJourney } from "../testing/index";
import { createEmptyDefinition, JOURNEY_FORMAT_VERSION, journeyDefinitionSchema } from "./definition";
import { learnsFromSchema } from "./agent";
import { journeyEdgeSchema } from "./edge";
import { journeyNodeSchema } from "./node";

describe("journey definition schema", () => {
  it("accepts the fixture journey and an empty definition", () => {
    expect(journeyDefinitionSchema.parse(buildJourney())).toEqual(buildJourney());
    expect(createEmptyDefinition()).toEqual({ formatVersion: JOURNEY_FORMAT_VERSION, nodes: [], edges: [] });
    expect(journeyDefinitionSchema.safeParse(createEmptyDefinition()).success).toBe(true);
  });

  it("refuses more nodes than the limit with a clear message", () => {
    const definition = generateLargeJourney(10_000);
    definition.nodes.push({ ...(definition.nodes[0] as (typeof definition.nodes)[number]), id: "one-too-many" });
    const result = journeyDefinitionSchema.safeParse(definition);
    expect(result.error?.issues[0]?.message).toBe("a journey holds at most 10000 nodes");
  });

  it("refuses ids with spaces and over-long names", () => {
    const node = { id: "has space", kind: "goal", position: { x: 0, y: 0 }, config: {} };
    expect(journeyNodeSchema.safeParse(node).error?.issues[0]?.path).toEqual(["id"]);
    expect(journeyNodeSchema.safeParse({ ...node, id: "ok", name: "x".repeat(121) }).success).toBe(false);
  });

  it("requires a value on every rule operator except exists", () => {
    const edge = (rule: object) => ({
      id: "e",
      source: "a",
      target: "b",
      option: { label: "x", description: "", eligibility: [rule] },
    });
    expect(journeyEdgeSchema.safeParse(edge({ field: "country", operator: "exists" })).success).toBe(true);
    expect(journeyEdgeSchema.safeParse(edge({ field: "country", operator: "eq" })).success).toBe(false);
  });

  it("requires a webhook target on webhook messages only", () => {
    const content = { mode: "brief", keyMessage: "k", tone: "t", requiredElements: [] };
    const node = (config: object) => ({ id: "m", kind: "message", position: { x: 0, y: 0 }, config });
    expect(journeyNodeSchema.safeParse(node({ channel: "webhook", purpose: "transactional", content })).success).toBe(
      false,
    );
    const webhook = { url: "https://hooks.example.com/x", method: "POST" };
    expect(
      journeyNodeSchema.safeParse(node({ channel: "webhook", purpose: "transactional", content, webhook })).success,
    ).toBe(true);
    expect(
      journeyNodeSchema.safeParse(node({ channel: "sms", purpose: "transactional", content, webhook })).success,
    ).toBe(false);
  });
});

describe("an agent node's learnsFrom", () => {
  const issues = (learnsFrom: unknown) =>
    (learnsFromSchema.safeParse(learnsFrom).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

  it("accepts chosen traits with increasing cut points, and traits named like object members", () => {
    expect(issues({})).toEqual([]);
    expect(issues({ traits: ["constructor", "__proto__"], cuts: [{ trait: "constructor", at: [1, 10] }] })).toEqual([]);
  });

  it("names the cut, the trait or the list that is wrong", () => {
    expect(issues({ cuts: [{ trait: "ltv", at: [100, 10] }] })).toEqual(["cuts.0.at: must be in increasing order"]);
    expect(issues({ cuts: [{ trait: "ltv", at: [] }] })).toEqual(["cuts.0.at: needs at least one cut point"]);
    expect(issues({ traits: ["plan", "plan"] })).toEqual(['traits.1: "plan" is listed twice']);
    expect(issues({ traits: ["plan"], cuts: [{ trait: "ltv", at: [1] }] })).toEqual([
      'cuts.0.trait: "ltv" is not among the traits learned from',
    ]);
    expect(issues({ features: ["plan"] })[0]).toMatch(/^: Unrecognized key/);
  });
});
