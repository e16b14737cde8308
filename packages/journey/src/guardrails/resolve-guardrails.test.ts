import { describe, expect, it } from "vitest";
import { DEFAULT_GUARDRAILS, guardrailsOverrideSchema, guardrailsSchema } from "../schema/guardrails";
import { resolveGuardrails } from "./resolve-guardrails";

describe("resolveGuardrails", () => {
  it("returns the global guardrails when there is no override", () => {
    expect(resolveGuardrails(DEFAULT_GUARDRAILS, null)).toEqual(DEFAULT_GUARDRAILS);
    expect(resolveGuardrails(DEFAULT_GUARDRAILS, {})).toEqual(DEFAULT_GUARDRAILS);
  });

  it("lets the override win field by field", () => {
    const resolved = resolveGuardrails(DEFAULT_GUARDRAILS, {
      maxDiscountPercent: 5,
      bannedPhrases: ["free money"],
      minConfidence: 0.9,
    });
    expect(resolved).toMatchObject({ maxDiscountPercent: 5, bannedPhrases: ["free money"], minConfidence: 0.9 });
    expect(resolved.dailyLlmBudgetUsd).toBe(DEFAULT_GUARDRAILS.dailyLlmBudgetUsd);
  });

  it("merges frequency caps per channel: an overridden channel takes only the override's caps", () => {
    const resolved = resolveGuardrails(DEFAULT_GUARDRAILS, {
      frequencyCaps: [
        { channel: "email", max: 1, windowHours: 24 },
        { channel: "email", max: 2, windowHours: 168 },
      ],
    });
    expect(resolved.frequencyCaps).toEqual([
      { channel: "email", max: 1, windowHours: 24 },
      { channel: "email", max: 2, windowHours: 168 },
      { channel: "sms", max: 2, windowHours: 168 },
      { channel: "push", max: 1, windowHours: 24 },
    ]);
  });

  it("merges consent per channel and lets quietHours: null switch quiet hours off", () => {
    const resolved = resolveGuardrails(DEFAULT_GUARDRAILS, { consentRequired: { webhook: true }, quietHours: null });
    expect(resolved.consentRequired).toEqual({ email: true, sms: true, push: true, webhook: true });
    expect(resolved.quietHours).toBeNull();
  });

  it("does not share arrays or objects with its inputs", () => {
    const resolved = resolveGuardrails(DEFAULT_GUARDRAILS, {});
    resolved.frequencyCaps[0]!.max = 99;
    resolved.bannedPhrases.push("x");
    expect(DEFAULT_GUARDRAILS.frequencyCaps[0]?.max).toBe(3);
    expect(DEFAULT_GUARDRAILS.bannedPhrases).toEqual([]);
  });

  it("validates: quiet hours as HH:mm, partial overrides", () => {
    expect(
      guardrailsSchema.safeParse({
        ...DEFAULT_GUARDRAILS,
        quietHours: { start: "25:00", end: "08:00", behaviour: "delay" },
      }).success,
    ).toBe(false);
    expect(guardrailsOverrideSchema.safeParse({ consentRequired: { sms: false } }).success).toBe(true);
    expect(guardrailsOverrideSchema.safeParse({ holdoutShare: 0.9 }).success).toBe(false);
  });
});
