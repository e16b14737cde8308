/**
 * The traits that fill a customer's columns rather than the free-form `traits` (identify calls and CSV imports
 * alike): `email`, `phone`, `timezone` / `timeZone` and `consent` ({ email, sms, push, webhook: boolean }). A value
 * of the wrong type would be dropped when applied, so it is refused when received, naming the trait.
 */
export const CHANNEL_KEYS = ["email", "sms", "push", "webhook"] as const;

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export interface TraitIssue {
  path: string[];
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Problems of the reserved traits in identify traits; empty when every one present has its type. */
export function reservedTraitIssues(traits: Record<string, unknown>): TraitIssue[] {
  const issues: TraitIssue[] = [];
  const has = (key: string) => Object.hasOwn(traits, key);
  if (has("email") && !(typeof traits.email === "string" && EMAIL_PATTERN.test(traits.email.trim()))) {
    issues.push({ path: ["email"], message: "must be an email address (a string like ada@example.com)" });
  }
  if (has("phone") && !(typeof traits.phone === "string" && traits.phone.trim().length > 0)) {
    issues.push({ path: ["phone"], message: "must be a non-empty string" });
  }
  for (const key of ["timezone", "timeZone"]) {
    if (has(key) && !isTimeZone(traits[key])) {
      issues.push({ path: [key], message: "must be an IANA time zone such as Europe/Paris" });
    }
  }
  if (has("consent")) {
    const consent = traits.consent;
    if (!isRecord(consent)) {
      issues.push({ path: ["consent"], message: "must be an object such as { email: true }" });
    } else {
      for (const [channel, value] of Object.entries(consent)) {
        if (!(CHANNEL_KEYS as readonly string[]).includes(channel)) {
          issues.push({ path: ["consent", channel], message: `is not a channel (${CHANNEL_KEYS.join(", ")})` });
        } else if (typeof value !== "boolean") {
          issues.push({ path: ["consent", channel], message: "must be true or false" });
        }
      }
    }
  }
  return issues;
}
