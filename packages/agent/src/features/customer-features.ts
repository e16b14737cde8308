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

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with the separators phone numbers are written with: "+33 6 12 34 56 78", "(555) 010-9999", "0612345678". */
const PHONE_SHAPE = /^\+?[\d\s().\-/]+$/;

/**
 * A value that identifies a person whatever the trait is called: an email address, or a phone number written as
 * text (7 to 15 digits with the usual separators; a long string of bare digits is as likely an identifier, and is
 * left out as well).
 */
export function isIdentifyingValue(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const text = value.trim();
  if (EMAIL_SHAPE.test(text)) return true;
  if (!PHONE_SHAPE.test(text)) return false;
  const digits = text.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

/** A trait holding the customer's first name: personal, but what a brief may greet them with where allowed. */
export function isFirstName(name: string): boolean {
  return /^(first|given)name\d*$/.test(name.toLowerCase().replace(/[^a-z0-9]/g, ""));
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;
const MAX_TEXT = 40;

function usable(name: string, value: unknown): value is string | number | boolean {
  if (isIdentifying(name) || isIdentifyingValue(value)) return false;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "boolean") return true;
  return typeof value === "string" && value.length > 0 && value.length <= MAX_TEXT && !ISO_DATE.test(value);
}

/**
 * What the learning policy sees of a customer: the segment-like traits (top level, and one level of nesting as
 * `parent.child`), and the time zone. Identifying traits (by name or by the shape of their value), timestamps, long
 * text and lists are left out.
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
