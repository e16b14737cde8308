import type { CustomerFeatures } from "@northstar/agent";

/**
 * Traits that identify a person rather than describe a segment: learning on them would give every customer a
 * context of their own (the policy state grows with distinct contexts) and put personal data into the state.
 */
const IDENTIFYING =
  /^(e-?mail|phone|mobile|(first|last|full|user)_?name|name|user_?id|anonymous_?id|id|address|street|zip|postal_?code|birthday|ip)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;
const MAX_TEXT = 40;

function usable(name: string, value: unknown): value is string | number | boolean {
  if (IDENTIFYING.test(name)) return false;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "boolean") return true;
  return typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT && !ISO_DATE.test(value);
}

/**
 * What the learning policy sees of a customer: the segment-like traits (top level, and one level of nesting as
 * `parent.child`), and the time zone. Identifying traits, timestamps, long text and lists are left out.
 */
export function customerFeatures(traits: Record<string, unknown>, timeZone: string | null): CustomerFeatures {
  const features: CustomerFeatures = {};
  for (const [name, value] of Object.entries(traits)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !IDENTIFYING.test(name)) {
      for (const [child, nested] of Object.entries(value as Record<string, unknown>)) {
        if (usable(child, nested)) features[`${name}.${child}`] = nested;
      }
    } else if (usable(name, value)) {
      features[name] = value;
    }
  }
  if (timeZone) features.timeZone = timeZone;
  return features;
}
