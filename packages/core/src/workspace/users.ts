import type { Prisma, PrismaClient } from "@northstar/db";

export type UserRef = { id: string; name: string };

/** Names of the given users, for views that show who did what. */
export async function loadUserRefs(
  db: PrismaClient | Prisma.TransactionClient,
  ids: Iterable<string>,
): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((u) => [u.id, u]));
}
