import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import {
  buildOverride,
  cappedChannels,
  describeCaps,
  describeConsent,
  describeNumber,
  describeQuietHours,
  overrideFieldErrors,
} from "./override-view";

describe("journey guardrail override view", () => {
  it("names the channels whose caps the journey overrides", () => {
    const override = { frequencyCaps: [{ channel: "sms" as const, max: 1, windowHours: 24 }] };
    expect([...cappedChannels(override)]).toEqual(["sms"]);
    expect(cappedChannels({}).size).toBe(0);
  });

  it("describes guardrail values as people read them", () => {
    expect(describeCaps([{ channel: "email", max: 3, windowHours: 168 }])).toBe("email: at most 3 per 168 h");
    expect(describeCaps([])).toBe("no caps");
    expect(describeQuietHours(null)).toBe("off");
    expect(describeQuietHours({ start: "21:00", end: "08:00", behaviour: "skip" })).toBe("21:00–08:00, then skip");
    expect(describeConsent(DEFAULT_GUARDRAILS.consentRequired)).toBe("required for email, sms, push");
    expect(describeNumber("minConfidence", 0.65)).toBe("65%");
    expect(describeNumber("maxDiscountPercent", 20)).toBe("20%");
    expect(describeNumber("holdoutShare", Number.NaN)).toBe("—");
  });

  it("keys the server's field errors by guardrail field and keeps other errors form-level", () => {
    expect(
      overrideFieldErrors({
        "override.holdoutShare": ["Too big"],
        "override.frequencyCaps.0.max": ["Too small"],
        journeyId: ["Required"],
      }),
    ).toEqual({ holdoutShare: ["Too big"], "frequencyCaps.0.max": ["Too small"], "": ["Required"] });
  });

  it("sends list fields from their text boxes and drops the ones not overridden", () => {
    const draft = { minConfidence: 0.9, bannedPhrases: ["stale"], claimsNeedingReview: ["stale"] };
    expect(buildOverride(draft, { bannedPhrases: " free money \n\n guaranteed " })).toEqual({
      minConfidence: 0.9,
      bannedPhrases: ["free money", "guaranteed"],
    });
  });
});
