/** Where a signed-in user goes when no (acceptable) destination was asked for. */
export const DEFAULT_AFTER_SIGN_IN = "/journeys";

const PLACEHOLDER_ORIGIN = "http://northstar.invalid";

/**
 * The one place that decides where a redirect after sign-in (or sign-out) may go: a path on this site, normalised,
 * else `fallback`. Browsers drop tabs and newlines inside URLs and read "\" as "/", so "/\t/evil.example" or
 * "/\\evil.example" would leave the site; anything with a control character or a backslash is refused outright, and
 * what is left is resolved as a URL and must stay on the origin and not begin with "//" once normalised
 * ("/.//evil.example" resolves to "//evil.example"). An absolute URL is accepted only on `appOrigin`.
 */
export function safeRedirectPath(raw: unknown, options: { fallback?: string; appOrigin?: string } = {}): string {
  const fallback = options.fallback ?? DEFAULT_AFTER_SIGN_IN;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;

  const base = options.appOrigin ? safeOrigin(options.appOrigin) : PLACEHOLDER_ORIGIN;
  if (!base) return fallback;
  if (!raw.startsWith("/") && !raw.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return fallback;
  if (raw.startsWith("//")) return fallback;

  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

function safeOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
