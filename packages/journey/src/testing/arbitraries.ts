import fc from "fast-check";
import { JOURNEY_FORMAT_VERSION, type JourneyDefinition } from "../schema/definition";
import type { JourneyEdge } from "../schema/edge";
import type { JourneyNode } from "../schema/node";
import { COMPARISON_OPERATORS } from "../schema/primitives";

/**
 * fast-check arbitraries for journeys (test-only: not exported from the testing entry point, so that importing
 * fixtures never pulls fast-check). Ids come from a small pool so that random graphs connect, collide and dangle.
 */
const ID_POOL = Array.from({ length: 12 }, (_, i) => `n${i}`);
const idArb = fc.constantFrom(...ID_POOL);
// JSON cannot tell -0 from 0; normalising keeps round-trip properties about the journey, not about JSON.
const unit = (max = 1) => fc.double({ min: 0, max, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const text = (max = 30) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== "");
const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
const ruleArb = fc.record({ field: text(), operator: fc.constantFrom(...COMPARISON_OPERATORS), value: scalar });

const contentArb = fc.oneof(
  fc.record({
    mode: fc.constant("brief" as const),
    keyMessage: text(80),
    tone: text(),
    offer: fc.record({ maxDiscountPercent: unit(100) }, { requiredKeys: [] }),
    requiredElements: fc.array(fc.constantFrom("unsubscribe_link", "cta", "logo"), { maxLength: 3 }),
  }),
  fc.record({
    mode: fc.constant("template" as const),
    templateId: idArb,
    version: fc.integer({ min: 1, max: 20 }),
    subject: text(),
    body: fc.constantFrom("Hi {{firstName}}", "Bye {{unsubscribe_url}}"),
    variables: fc.dictionary(fc.constantFrom("firstName", "plan", "city"), text()),
  }),
);

const configByKind = {
  entry: fc.record({
    trigger: fc.oneof(
      fc.record({
        type: fc.constant("event" as const),
        event: text(),
        filters: fc.array(
          ruleArb.map(({ field, ...r }) => ({ property: field, ...r })),
          { maxLength: 2 },
        ),
      }),
      fc.record({ type: fc.constant("segment" as const), segmentId: idArb }, { requiredKeys: ["type", "segmentId"] }),
    ),
    reentry: fc.oneof(
      fc.constantFrom("never" as const, "always" as const),
      fc.record({ afterDays: fc.integer({ min: 1, max: 365 }) }),
    ),
    holdoutShare: unit(0.5),
  }),
  agent: fc.record(
    {
      decides: fc.constantFrom("path" as const, "message" as const, "channel" as const, "send_time" as const),
      policy: fc.constantFrom("learning" as const, "llm" as const, "both" as const),
      exploration: unit(),
      minConfidence: unit(),
      fallbackOptionEdgeId: idArb,
    },
    { requiredKeys: ["decides", "policy", "exploration", "minConfidence"] },
  ),
  message: fc.record({
    channel: fc.constantFrom("email" as const, "sms" as const, "push" as const),
    purpose: fc.constantFrom("marketing" as const, "transactional" as const),
    content: contentArb,
  }),
  wait: fc.oneof(
    fc.record({ type: fc.constant("duration" as const), minutes: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({
      type: fc.constant("until_event" as const),
      event: text(),
      timeoutMinutes: fc.integer({ min: 1, max: 10_000 }),
    }),
    fc.record({ type: fc.constant("agent_send_time" as const), windowHours: fc.integer({ min: 1, max: 168 }) }),
  ),
  review: fc.record(
    { approverRole: text(), slaHours: fc.integer({ min: 1, max: 720 }), escalateTo: text() },
    { requiredKeys: ["approverRole", "slaHours"] },
  ),
  goal: fc.constant({}),
  exit: fc.record({ reason: fc.constantFrom("explicit" as const, "unsubscribed" as const, "expired" as const) }),
  rule_split: fc.constant({}),
};

export const nodeArb: fc.Arbitrary<JourneyNode> = fc
  .constantFrom(...(Object.keys(configByKind) as Array<keyof typeof configByKind>))
  .chain((kind) =>
    fc.record(
      {
        id: idArb,
        kind: fc.constant(kind),
        position: fc.record({ x: fc.integer({ min: -5_000, max: 5_000 }), y: fc.integer({ min: -5_000, max: 5_000 }) }),
        name: text(),
        config: configByKind[kind] as fc.Arbitrary<unknown>,
      },
      { requiredKeys: ["id", "kind", "position", "config"] },
    ),
  ) as fc.Arbitrary<JourneyNode>;

export const edgeArb: fc.Arbitrary<JourneyEdge> = fc.record(
  {
    id: fc.constantFrom(...ID_POOL.map((id) => `e-${id}`), "e-x", "e-y", "e-z"),
    source: idArb,
    target: idArb,
    sourceHandle: fc.constantFrom("timeout", "rejected", "main"),
    label: text(),
    option: fc.record({
      label: text(),
      description: fc.string({ maxLength: 40 }),
      eligibility: fc.array(ruleArb, { maxLength: 2 }),
    }),
    condition: fc.oneof(
      fc.constant({ type: "else" as const }),
      fc.record({
        type: fc.constant("rules" as const),
        match: fc.constantFrom("all" as const, "any" as const),
        rules: fc.array(ruleArb, { minLength: 1, maxLength: 2 }),
      }),
    ),
  },
  { requiredKeys: ["id", "source", "target"] },
);

/** Schema-valid definitions whose graphs are random: duplicates, dangling edges, cycles and dead ends included. */
export const definitionArb: fc.Arbitrary<JourneyDefinition> = fc
  .record({
    formatVersion: fc.constant(JOURNEY_FORMAT_VERSION),
    nodes: fc.array(nodeArb, { maxLength: 14 }),
    edges: fc.array(edgeArb, { maxLength: 20 }),
  })
  // fast-check builds records without a prototype; the journeys the product handles are plain JSON objects.
  .map((definition) => structuredClone(definition));

/** Anything at all, plus definitions with one value somewhere replaced by arbitrary JSON. */
export const hostileInputArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.tuple(definitionArb, fc.nat(), fc.anything()).map(([definition, index, junk]) => corrupt(definition, index, junk)),
);

function corrupt(definition: JourneyDefinition, index: number, junk: unknown): unknown {
  const copy = structuredClone(definition) as unknown as Record<string, unknown>;
  const slots: Array<[Record<string, unknown>, string]> = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      slots.push([value as Record<string, unknown>, key]);
      visit(child);
    }
  };
  visit(copy);
  const slot = slots[index % Math.max(slots.length, 1)];
  if (slot) slot[0][slot[1]] = junk;
  return copy;
}
