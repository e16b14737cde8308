import { DEFAULT_GUARDRAILS, type Guardrails } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import { lintDeliverable } from "./content-lint";
import { checkSend, type SendCheckInput } from "./send-guardrails";

const guardrails: Guardrails = {
  ...DEFAULT_GUARDRAILS,
  frequencyCaps: [{ channel: "email", max: 2, windowHours: 24 }],
  quietHours: { start: "21:00", end: "08:00", behaviour: "delay" },
  maxDiscountPercent: 20,
  bannedPhrases: ["act now", "guaranteed"],
  claimsNeedingReview: ["clinically proven"],
};

const send = (overrides: Partial<SendCheckInput> = {}): SendCheckInput => ({
  channel: "email",
  purpose: "marketing",
  now: new Date("2026-03-02T14:00:00Z"),
  customer: { timeZone: "Europe/Paris", consent: { email: true, sms: false } },
  recentSends: [],
  guardrails,
  ...overrides,
});

describe("checkSend", () => {
  it("allows a send that no guardrail stops", () => {
    expect(checkSend(send())).toEqual({ action: "send", blocks: [] });
  });

  it("caps sends across two journeys", () => {
    const recentSends = [
      { channel: "email" as const, at: new Date("2026-03-02T09:00:00Z"), journeyId: "welcome" },
      { channel: "email" as const, at: new Date("2026-03-02T12:00:00Z"), journeyId: "winback" },
      { channel: "email" as const, at: new Date("2026-02-28T12:00:00Z"), journeyId: "winback" },
      { channel: "sms" as const, at: new Date("2026-03-02T12:30:00Z"), journeyId: "winback" },
    ];
    expect(checkSend(send({ recentSends }))).toEqual({
      action: "skip",
      blocks: [
        { code: "FREQUENCY_CAP", reason: "2 email sends in the last 24 h across 2 journey(s) reach the cap of 2." },
      ],
    });
    // One send in the window leaves room; transactional messages are not capped.
    expect(checkSend(send({ recentSends: recentSends.slice(1) })).action).toBe("send");
    expect(checkSend(send({ recentSends, purpose: "transactional" })).action).toBe("send");
  });

  it("delays to the end of quiet hours in the customer's own time zone", () => {
    // 22:30 in Paris (UTC+1 in March) is quiet; the same instant is 16:30 in New York, which is not.
    const now = new Date("2026-03-02T21:30:00Z");
    const paris = checkSend(send({ now }));
    expect(paris).toEqual({
      action: "delay",
      until: new Date("2026-03-03T07:00:00Z"),
      blocks: [
        { code: "QUIET_HOURS", reason: "It is 22:30 for the customer (Europe/Paris), inside quiet hours 21:00-08:00." },
      ],
    });
    const newYork = checkSend(send({ now, customer: { timeZone: "America/New_York", consent: { email: true } } }));
    expect(newYork.action).toBe("send");
    // 06:00 in Tokyo is quiet and ends at 08:00 the same local day (23:00 UTC the day before).
    const tokyo = checkSend(
      send({ now: new Date("2026-03-02T21:00:00Z"), customer: { timeZone: "Asia/Tokyo", consent: { email: true } } }),
    );
    expect(tokyo).toMatchObject({ action: "delay", until: new Date("2026-03-02T23:00:00Z") });
  });

  it("skips instead of delaying when quiet hours say so", () => {
    const skipping = { ...guardrails, quietHours: { start: "21:00", end: "08:00", behaviour: "skip" as const } };
    const verdict = checkSend(send({ now: new Date("2026-03-02T21:30:00Z"), guardrails: skipping }));
    expect(verdict).toMatchObject({ action: "skip", blocks: [{ code: "QUIET_HOURS" }] });
  });

  it("requires consent per channel", () => {
    expect(checkSend(send({ channel: "sms" }))).toEqual({
      action: "skip",
      blocks: [{ code: "NO_CONSENT", reason: "The customer withdrew consent for sms, which requires consent." }],
    });
    expect(checkSend(send({ channel: "push" })).blocks[0]?.reason).toBe(
      "The customer has not given consent for push, which requires consent.",
    );
    expect(checkSend(send({ channel: "webhook" })).action).toBe("send");
  });

  it("never sends marketing email to an unsubscribed customer", () => {
    const verdict = checkSend(send({ customer: { timeZone: null, consent: { email: true }, unsubscribed: true } }));
    expect(verdict).toMatchObject({ action: "skip", blocks: [{ code: "UNSUBSCRIBED" }] });
  });
});

const email = (body: string, subject = "Your offer") => ({
  channel: "email" as const,
  purpose: "marketing" as const,
  subject,
  body: `${body}\n{{unsubscribe_url}} {{tracking_pixel}}`,
});

describe("lintDeliverable", () => {
  it("passes a compliant email", () => {
    expect(lintDeliverable(email("Enjoy 15% off your next order."), guardrails)).toEqual({ ok: true, blocks: [] });
  });

  it("blocks a discount above the ceiling, the brief's included", () => {
    expect(lintDeliverable(email("Save 30% today."), guardrails).blocks).toEqual([
      { code: "DISCOUNT_ABOVE_MAX", reason: "Offers 30% off; the maximum is 20%.", fields: ["body"] },
    ]);
    expect(lintDeliverable(email("15% off"), guardrails, { briefMaxDiscountPercent: 10 }).blocks[0]?.code).toBe(
      "DISCOUNT_ABOVE_MAX",
    );
    expect(lintDeliverable(email("100% cotton shirts."), guardrails).ok).toBe(true);
  });

  it("blocks banned phrases as whole words and flags claims for review", () => {
    expect(lintDeliverable(email("Act now: results guaranteed!"), guardrails).blocks).toEqual([
      { code: "BANNED_PHRASE", reason: 'Uses the banned phrase "act now".', fields: ["body"] },
      { code: "BANNED_PHRASE", reason: 'Uses the banned phrase "guaranteed".', fields: ["body"] },
    ]);
    expect(lintDeliverable(email("A clinically proven serum."), guardrails).blocks[0]?.code).toBe("CLAIM_NEEDS_REVIEW");
    expect(lintDeliverable(email("Unguaranteedness is not a word."), guardrails).ok).toBe(true);
  });

  it("names the fields each block was found in", () => {
    const both = { ...email("Act now, results inside."), subject: "Act now" };
    expect(lintDeliverable(both, guardrails).blocks).toEqual([
      { code: "BANNED_PHRASE", reason: 'Uses the banned phrase "act now".', fields: ["subject", "body"] },
    ]);
    const split = { ...email("Save 15% today."), subject: "30% off, clinically proven" };
    expect(lintDeliverable(split, guardrails).blocks).toEqual([
      { code: "CLAIM_NEEDS_REVIEW", reason: expect.stringContaining("clinically proven"), fields: ["subject"] },
      { code: "DISCOUNT_ABOVE_MAX", reason: "Offers 30% off; the maximum is 20%.", fields: ["subject"] },
    ]);
  });

  it("blocks a marketing email without subject, unsubscribe link or tracking", () => {
    const bare = { channel: "email" as const, purpose: "marketing" as const, subject: " ", body: "Hello" };
    expect(lintDeliverable(bare, guardrails).blocks.map((b) => b.code)).toEqual([
      "EMPTY_SUBJECT",
      "MISSING_UNSUBSCRIBE",
      "MISSING_TRACKING",
    ]);
    expect(lintDeliverable({ ...bare, purpose: "transactional" }, guardrails).blocks.map((b) => b.code)).toEqual([
      "EMPTY_SUBJECT",
    ]);
  });
});
