import { randomUUID } from "node:crypto";
import { hashPassword, type PrismaClient, verifyPassword } from "@northstar/db";
import { z } from "zod";

export const CredentialsSchema = z.object({
  email: z.email("must be an email address").transform((e) => e.toLowerCase()),
  password: z.string().min(1, "is required").max(200),
});

// Compared against when the email is unknown, so both paths cost one hash check.
let unknownUserHash: Promise<string> | undefined;

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

/** Checks an email and password; null for any failure, without telling which part was wrong. */
export async function authenticate(db: PrismaClient, credentials: unknown): Promise<AuthenticatedUser | null> {
  const parsed = CredentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(
    parsed.data.password,
    user?.passwordHash ?? (await (unknownUserHash ??= hashPassword(randomUUID()))),
  );
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}
