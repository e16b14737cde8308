import { describe, expect, it } from "vitest";
import { buildJourney, compileContext, generateLargeJourney } from "../testing/index";
import { compile } from "./compile";
import { planHash } from "./build-plan";

const planOf = (definition: unknown, context = compileContext()) => {
  const { plan, diagnostics } = compile(definition, context);
  if (!plan) throw new Error(`no plan: ${diagnostics.map((d) => d.message).join("; ")}`);
  return plan;
};

describe("compile: the execution plan", () => {
  it("lists steps sorted by id with successors, entries, and the objective binding", () => {
    const plan = planOf(buildJourney());
    expect(plan.planVersion).toBe(1);
    expect(plan.formatVersion).toBe(1);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.objective.id).toBe("obj-activation");
    expect(plan.entryStepIds).toEqual(["entry"]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "choose",
      "entry",
      "exit",
      "goal",
      "wait-day",
      "welcome-email",
      "welcome-sms",
    ]);
    expect(plan.steps.find((s) => s.id === "entry")?.successors).toEqual([
      { edgeId: "entry-choose", target: "choose" },
    ]);
  });

  it("marks sends irreversible and nothing else", () => {
    const plan = planOf(buildJourney());
    expect(plan.steps.filter((s) => s.irreversible).map((s) => s.id)).toEqual(["welcome-email", "welcome-sms"]);
  });

  it("gives agent steps a decision with their options, eligibility and fallback", () => {
    const agent = planOf(buildJourney()).steps.find((s) => s.kind === "agent");
    expect(agent?.kind === "agent" && agent.decision).toEqual({
      decides: "path",
      policy: "learning",
      exploration: 0.1,
      minConfidence: 0.6,
      fallback: "choose-email",
      options: [
        {
          edgeId: "choose-email",
          label: "Email",
          description: "A welcome email with a setup checklist.",
          eligibility: [],
          target: "welcome-email",
        },
        {
          edgeId: "choose-sms",
          label: "SMS",
          description: "A short SMS nudge.",
          eligibility: [{ field: "consent.sms", operator: "eq", value: true }],
          target: "welcome-sms",
        },
      ],
    });
  });

  it("splits an until-event wait's successors into event and timeout edges", () => {
    const wait = planOf(buildJourney()).steps.find((s) => s.id === "wait-day");
    expect(wait?.kind === "wait" && wait.wait).toEqual({
      type: "until_event",
      event: "report_created",
      timeoutMinutes: 1_440,
      onEvent: ["wait-goal"],
      onTimeout: ["wait-timeout"],
    });
  });

  it("carries the resolved guardrails and the runtime checklist of each step", () => {
    const plan = planOf(buildJourney(), compileContext({ override: { maxDiscountPercent: 5, quietHours: null } }));
    expect(plan.guardrails.maxDiscountPercent).toBe(5);
    expect(plan.guardrails.quietHours).toBeNull();
    expect(plan.requiredSteps.find((r) => r.stepId === "welcome-email")?.checks).toEqual([
      "consent",
      "frequency_cap",
      "holdout",
      "idempotency_key",
      "unsubscribe_link",
      "content_guardrails",
      "llm_budget",
    ]);
    expect(plan.requiredSteps.find((r) => r.stepId === "choose")?.checks).toEqual([
      "eligibility",
      "min_confidence_review",
    ]);
  });

  it("returns no plan while any error remains, but still all diagnostics", () => {
    const definition = buildJourney();
    definition.edges = definition.edges.filter((e) => e.id !== "entry-choose");
    const result = compile(definition, compileContext());
    expect(result.plan).toBeNull();
    expect(result.diagnostics.filter((d) => d.code === "UNREACHABLE_NODE").length).toBeGreaterThan(0);
  });
});

describe("compile: determinism and the content hash", () => {
  const hashOf = (definition: unknown, context = compileContext()) => planOf(definition, context).hash;

  it("gives the same plan and hash for the same input, and for nodes and edges in another order", () => {
    const definition = buildJourney();
    expect(compile(definition, compileContext())).toEqual(compile(buildJourney(), compileContext()));
    const shuffled = { ...definition, nodes: [...definition.nodes].reverse(), edges: [...definition.edges].reverse() };
    expect(planOf(shuffled)).toEqual(planOf(definition));
  });

  it("keeps the hash when nodes move on the canvas or are renamed", () => {
    const moved = buildJourney();
    for (const node of moved.nodes) node.position = { x: node.position.x + 500, y: -node.position.y };
    (moved.nodes[1] as { name?: string }).name = "Renamed decision";
    const relabelled = buildJourney();
    (relabelled.edges[0] as { label?: string }).label = "go";
    expect(hashOf(moved)).toBe(hashOf(buildJourney()));
    expect(hashOf(relabelled)).toBe(hashOf(buildJourney()));
    expect(
      hashOf(buildJourney(), compileContext({ objective: { ...compileContext().objective!, name: "Renamed" } })),
    ).toBe(hashOf(buildJourney()));
  });

  it("changes the hash on every semantic change", () => {
    const base = hashOf(buildJourney());
    const variants: Array<(d: ReturnType<typeof buildJourney>) => void> = [
      (d) => ((d.nodes[1]?.config as { exploration: number }).exploration = 0.2),
      (d) => ((d.edges[1]?.option as { description: string }).description = "Another pitch"),
      (d) => ((d.edges[2]?.option as { eligibility: unknown[] }).eligibility = []),
      (d) => {
        (d.edges[5] as { target: string }).target = "exit";
        (d.edges[6] as { target: string }).target = "goal";
      },
      (d) => ((d.nodes[0]!.config as { trigger: { event: string } }).trigger.event = "trial_started"),
      (d) => ((d.edges[6] as { sourceHandle?: string }).sourceHandle = undefined),
      (d) => ((d.nodes[4]?.config as { timeoutMinutes: number }).timeoutMinutes = 60),
    ];
    const hashes = variants.map((change) => {
      const definition = buildJourney();
      change(definition);
      return hashOf(definition);
    });
    for (const hash of hashes) expect(hash).not.toBe(base);
    expect(hashOf(buildJourney(), compileContext({ override: { maxDiscountPercent: 5 } }))).not.toBe(base);
    expect(
      hashOf(
        buildJourney(),
        compileContext({ objective: { ...compileContext().objective!, id: "obj-2" }, knownObjectiveIds: ["obj-2"] }),
      ),
    ).not.toBe(base);
  });

  it("verifies a stored plan: planHash(plan) equals plan.hash", () => {
    const { hash, ...rest } = planOf(buildJourney());
    expect(planHash(rest)).toBe(hash);
  });

  it("compiles a valid generated 10,000-node journey into a plan with every step", () => {
    const plan = planOf(generateLargeJourney(10_000));
    expect(plan.steps).toHaveLength(10_000);
  });
});
