import { env } from "@northstar/env";
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, createNonce, STATIC_SECURITY_HEADERS } from "~/lib/security-headers";

/**
 * Runs before every request: a fresh nonce per request, passed to rendering through the request's CSP header (Next.js
 * reads the nonce from it and puts it on its own scripts), and the security headers on the response.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: env().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
