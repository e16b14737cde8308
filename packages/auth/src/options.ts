import { getDb } from "@northstar/db";
import { env } from "@northstar/env";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "./authenticate";
import { safeRedirectPath } from "./safe-redirect";

/** next-auth configuration: email + password, stateless JWT sessions that expire after SESSION_MAX_AGE_SECONDS. */
export function createAuthOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: config.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials) => authenticate(getDb(), credentials),
      }),
    ],
    callbacks: {
      // next-auth's own redirects (sign-out's callbackUrl) follow the same rule as the sign-in page.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeRedirectPath(url, { appOrigin: baseUrl, fallback: "/" })}`,
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
