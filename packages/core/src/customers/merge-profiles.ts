import type { PrismaClient } from "@northstar/db";

export interface AliasLink {
  /** The identity the sender knows the customer by from now on. */
  userId: string;
  /** The identity it knew them by before (an anonymousId or an earlier userId). */
  previousId: string;
}

/**
 * Merges the profile known as `previousId` into the one known as `userId`, after an `alias` call was stored.
 * Placeholder until profile merging lands: it merges nothing and says so, so ingestion can call it already.
 */
export async function mergeProfilesOnAlias(
  _db: PrismaClient,
  _workspaceId: string,
  _link: AliasLink,
): Promise<{ merged: boolean }> {
  return { merged: false };
}
