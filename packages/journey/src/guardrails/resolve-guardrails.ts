import { CHANNELS } from "../schema/primitives";
import type { FrequencyCap, Guardrails, GuardrailsOverride } from "../schema/guardrails";

const channelOrder = (channel: FrequencyCap["channel"]) => CHANNELS.indexOf(channel);

/**
 * The guardrails a journey runs under: the override wins field by field. Frequency caps merge per channel: a channel
 * the override caps is capped only by the override's caps, the other channels keep the global caps.
 */
export function resolveGuardrails(global: Guardrails, override?: GuardrailsOverride | null): Guardrails {
  const o = override ?? {};
  const overriddenChannels = new Set((o.frequencyCaps ?? []).map((cap) => cap.channel));
  const frequencyCaps = [
    ...global.frequencyCaps.filter((cap) => !overriddenChannels.has(cap.channel)),
    ...(o.frequencyCaps ?? []),
  ].sort((a, b) => channelOrder(a.channel) - channelOrder(b.channel) || a.windowHours - b.windowHours || a.max - b.max);

  return {
    frequencyCaps: frequencyCaps.map((cap) => ({ ...cap })),
    quietHours:
      o.quietHours !== undefined ? o.quietHours && { ...o.quietHours } : global.quietHours && { ...global.quietHours },
    consentRequired: { ...global.consentRequired, ...withoutUndefined(o.consentRequired ?? {}) },
    maxDiscountPercent: o.maxDiscountPercent ?? global.maxDiscountPercent,
    bannedPhrases: [...(o.bannedPhrases ?? global.bannedPhrases)],
    claimsNeedingReview: [...(o.claimsNeedingReview ?? global.claimsNeedingReview)],
    brandVoice: o.brandVoice ?? global.brandVoice,
    minConfidence: o.minConfidence ?? global.minConfidence,
    dailyLlmBudgetUsd: o.dailyLlmBudgetUsd ?? global.dailyLlmBudgetUsd,
    holdoutShare: o.holdoutShare ?? global.holdoutShare,
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
