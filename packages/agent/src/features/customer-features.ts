import type { CustomerFeatures } from "../policy/types";

/**
 * Traits that identify a person rather than describe a segment: learning on them would give every customer a
 * context of their own (the policy state grows with distinct contexts) and put personal data into the state and the
 * decision log. Matched on the name lowercased without separators, so `phoneNumber`, `alt_email`, `displayName`
 * and `Surname` are caught as well as `email`.
 */
const IDENTIFYING = [
  /(e?mail|emailaddress|phone|phonenumber|mobile|mobilenumber|fax)\d*$/,
  /^(first|last|full|middle|display|user|nick|given|family|sur|legal|)name\d*$/,
  /(address|street|zip|zipcode|postalcode|postcode)\d*$/,
  /birth|passport|ssn|socialsecurity|taxid|iban|password|secret|token/,
  /^ip$|ipaddress|^id$|(user|anonymous|device|external|customer)id$/,
];

export function isIdentifying(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return IDENTIFYING.some((pattern) => pattern.test(key));
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;
const MAX_TEXT = 40;

function usable(name: string, value: unknown): value is string | number | boolean {
  if (isIdentifying(name)) return false;
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
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !isIdentifying(name)) {
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
