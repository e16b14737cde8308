/**
 * The security headers of every response, as one pure function so that the policy can be tested and read in one
 * place. Scripts run only with the request's nonce ('strict-dynamic' lets the Next.js runtime load its chunks);
 * styles allow inline attributes because React Flow and the charts position elements with style="...", which a nonce
 * cannot cover. The outbox preview is a sandboxed srcdoc iframe: it inherits this policy and adds its own stricter
 * one, so its HTML can still load no script and no remote image.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(options.development ? ["ws:"] : [])],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // Frame-ancestors in the CSP is the rule; this is for browsers that predate it.
  "X-Frame-Options": "DENY",
  // Click-tracking redirects and outbound links must not carry the app's paths (journey and message ids) away.
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** A fresh, unpredictable nonce for one response (128 bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
