import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import {
  buildJourney,
  chainJourney,
  compileContext,
  diagnosticCodes,
  diagnosticsOf,
  entryNode,
  exitNode,
  messageNode,
} from "../testing/index";

const send = (config: Parameters<typeof messageNode>[1]) =>
  chainJourney([entryNode("in"), messageNode("m", config), exitNode("x")]);
const template = (body: string) => ({
  mode: "template" as const,
  templateId: "t",
  version: 1,
  subject: "Hi",
  body,
  variables: {},
});
const brief = (requiredElements: string[], maxDiscountPercent?: number) => ({
  mode: "brief" as const,
  keyMessage: "Come back",
  tone: "warm",
  offer: maxDiscountPercent === undefined ? {} : { maxDiscountPercent },
  requiredElements,
});

describe("message diagnostics", () => {
  it("MISSING_UNSUBSCRIBE: a marketing email brief must require the unsubscribe link", () => {
    expect(
      diagnosticsOf(compile(send({ content: brief(["cta"]) }), compileContext()), "MISSING_UNSUBSCRIBE")[0]?.nodeId,
    ).toBe("m");
    expect(diagnosticCodes(send({ content: brief(["unsubscribe_link"]) }))).not.toContain("MISSING_UNSUBSCRIBE");
  });

  it("MISSING_UNSUBSCRIBE: a marketing email template must render {{unsubscribe_url}}", () => {
    expect(diagnosticCodes(send({ content: template("Hello") }))).toContain("MISSING_UNSUBSCRIBE");
    expect(
      diagnosticCodes(send({ content: template("Hello <a href='{{ unsubscribe_url }}'>stop</a>") })),
    ).not.toContain("MISSING_UNSUBSCRIBE");
  });

  it("MISSING_UNSUBSCRIBE: transactional emails and marketing SMS are not concerned", () => {
    expect(diagnosticCodes(send({ purpose: "transactional", content: brief([]) }))).not.toContain(
      "MISSING_UNSUBSCRIBE",
    );
    expect(diagnosticCodes(send({ channel: "sms", content: brief([]) }))).not.toContain("MISSING_UNSUBSCRIBE");
  });

  it("OFFER_EXCEEDS_MAX_DISCOUNT: a brief allowing more than the guardrail is a warning", () => {
    const over = compile(send({ content: brief(["unsubscribe_link"], 35) }), compileContext());
    expect(diagnosticsOf(over, "OFFER_EXCEEDS_MAX_DISCOUNT")[0]).toMatchObject({
      severity: "warning",
      details: { briefPercent: 35, guardrailPercent: 20 },
    });
    expect(over.plan).not.toBeNull();
    expect(diagnosticCodes(send({ content: brief(["unsubscribe_link"], 20) }))).not.toContain(
      "OFFER_EXCEEDS_MAX_DISCOUNT",
    );
  });

  it("OFFER_EXCEEDS_MAX_DISCOUNT: a journey override raising the cap clears the warning", () => {
    const context = compileContext({ override: { maxDiscountPercent: 40 } });
    expect(diagnosticCodes(send({ content: brief(["unsubscribe_link"], 35) }), context)).not.toContain(
      "OFFER_EXCEEDS_MAX_DISCOUNT",
    );
  });
});

describe("objective diagnostics", () => {
  it("MISSING_OBJECTIVE: a journey must be bound to an objective", () => {
    const result = compile(buildJourney(), compileContext({ objective: null }));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["MISSING_OBJECTIVE"]);
    expect(result.plan).toBeNull();
    expect(diagnosticCodes(buildJourney(), compileContext())).not.toContain("MISSING_OBJECTIVE");
  });

  it("UNKNOWN_OBJECTIVE: the objective must be one of the admin's when the list is given", () => {
    expect(diagnosticCodes(buildJourney(), compileContext({ knownObjectiveIds: ["obj-other"] }))).toEqual([
      "UNKNOWN_OBJECTIVE",
    ]);
    expect(diagnosticCodes(buildJourney(), compileContext({ knownObjectiveIds: undefined }))).toEqual([]);
  });
});
