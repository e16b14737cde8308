import { getDb } from "@northstar/db";
import { env } from "@northstar/env";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectPath } from "./safe-redirect";
import { checkSession, openSession, revokeSession, type SessionPolicy } from "./sessions";
import { clientAddress, signInWithPassword } from "./sign-in-throttle";

export function sessionPolicy(): SessionPolicy {
  const config = env();
  return { maxAgeSeconds: config.SESSION_MAX_AGE_SECONDS, idleTimeoutSeconds: config.SESSION_IDLE_TIMEOUT_SECONDS };
}

/**
 * next-auth configuration: email + password with lockout, JWT session tokens that carry the id of a server-side
 * session record (`sid`). The token alone is not enough: the record must still stand (see sessions.ts), so sign-out
 * and the idle timeout end a session on the server.
 */
export function createAuthOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: config.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    // A signed-out or idle token read again is expected, not an error worth a stack trace.
    logger: {
      error: (code, metadata) => {
        if (code !== "JWT_SESSION_ERROR") console.error(`[next-auth] ${code}`, metadata);
      },
      warn: () => {},
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, req) =>
          signInWithPassword(getDb(), { credentials, address: clientAddress(req?.headers) }),
      }),
    ],
    callbacks: {
      // next-auth's own redirects (sign-out's callbackUrl) follow the same rule as the sign-in page.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeRedirectPath(url, { appOrigin: baseUrl, fallback: "/" })}`,
      async jwt({ token, user }) {
        // `user` is only set on the sign-in request itself.
        if (user) {
          token.sid = await openSession(getDb(), user.id, sessionPolicy());
          return token;
        }
        // Every later read of the token, next-auth's own /api/auth/session included, needs its server-side session
        // to stand: next-auth answers a throw here with no session and clears the cookie.
        if (typeof token.sid !== "string" || typeof token.sub !== "string") throw new Error("no server-side session");
        const check = await checkSession(getDb(), { sessionId: token.sid, userId: token.sub }, sessionPolicy());
        if (!check.valid) throw new Error(`session ${check.reason}`);
        return token;
      },
      session({ session, token }) {
        const user = session.user as { id?: string } | undefined;
        if (user && token.sub) user.id = token.sub;
        if (typeof token.sid === "string") (session as { sessionId?: string }).sessionId = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(getDb(), token.sid);
      },
    },
  };
}
