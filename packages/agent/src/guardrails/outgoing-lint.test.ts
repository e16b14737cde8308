import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf, lintOutgoing } from "./outgoing-lint";

const guardrails = { ...DEFAULT_GUARDRAILS, bannedPhrases: ["free money"], maxDiscountPercent: 20 };
const email = (subject: string | null, body: string) => ({
  channel: "email" as const,
  purpose: "marketing" as const,
  subject,
  body,
});

describe("lintOutgoing", () => {
  it("blocks banned phrases and discounts above the ceiling in what would be sent", () => {
    const blocks = lintOutgoing(email("Hello", "<p>Free money: 30% off today</p>"), guardrails);
    expect(blocks.map((b) => b.code)).toEqual(["BANNED_PHRASE", "DISCOUNT_ABOVE_MAX"]);
  });

  it("counts on the runtime for an email's unsubscribe link and open pixel, not for its subject", () => {
    expect(lintOutgoing(email("Hello", "<p>Hi</p>"), guardrails)).toEqual([]);
    expect(lintOutgoing(email(null, "<p>Hi</p>"), guardrails).map((b) => b.code)).toEqual(["EMPTY_SUBJECT"]);
    expect(lintOutgoing(email("Hello", "  "), guardrails).map((b) => b.code)).toContain("EMPTY_BODY");
  });

  it("applies a brief's own lower discount ceiling", () => {
    const brief = {
      mode: "brief" as const,
      keyMessage: "x",
      tone: "warm",
      requiredElements: [],
      offer: { maxDiscountPercent: 10 },
    };
    const blocks = lintOutgoing(email("Hello", "<p>15% off</p>"), guardrails, brief);
    expect(blocks).toEqual([
      { code: "DISCOUNT_ABOVE_MAX", reason: "Offers 15% off; the maximum is 10%.", fields: ["body"] },
    ]);
  });

  it("names the field of each error: a banned phrase in the subject and the body is under both", () => {
    const banned = 'Uses the banned phrase "free money".';
    const both = lintOutgoing(email("Free money for you", "<p>Hi, free money inside.</p>"), guardrails);
    expect(both).toEqual([{ code: "BANNED_PHRASE", reason: banned, fields: ["subject", "body"] }]);
    expect(fieldErrorsOf(both, "edit.")).toEqual({ "edit.subject": [banned], "edit.body": [banned] });

    const mixed = lintOutgoing(email("Free money for you", "<p>Take 50% off today.</p>"), guardrails);
    expect(fieldErrorsOf(mixed)).toEqual({ subject: [banned], body: ["Offers 50% off; the maximum is 20%."] });
    expect(fieldErrorsOf(lintOutgoing(email("Hello", "<p>free money</p>"), guardrails))).toEqual({ body: [banned] });
    expect(fieldErrorsOf(lintOutgoing(email("Save 30% now", "<p>Hi</p>"), guardrails))).toEqual({
      subject: ["Offers 30% off; the maximum is 20%."],
    });
    const blank = { ...email(" ", "  "), purpose: "transactional" as const };
    expect(fieldErrorsOf(lintOutgoing(blank, guardrails))).toEqual({
      subject: ["The email has no subject."],
      body: ["The message is empty."],
    });
  });
});
