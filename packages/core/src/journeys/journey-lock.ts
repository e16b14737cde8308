import type { Prisma } from "@northstar/db";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";

type Tx = Prisma.TransactionClient;

/**
 * Every change to a journey's versions or publication requests takes this one lock first, so state transitions
 * (save, request, approve, reject, publish, restore, archive) are serialised per journey and each sees the state the
 * previous one left.
 */
export async function lockJourney(tx: Tx, journeyId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${journeyId}))`;
}

/** Finds a version of the caller's workspace, locks its journey, and reads the version again under the lock. */
export async function lockVersion(ctx: DomainContext, tx: Tx, versionId: string) {
  const found = await tx.journeyVersion.findFirst({
    where: { id: versionId, workspaceId: ctx.actor.workspaceId },
    select: { journeyId: true },
  });
  if (!found) throw AppError.notFound("Version", versionId);
  await lockJourney(tx, found.journeyId);
  return tx.journeyVersion.findUniqueOrThrow({ where: { id: versionId } });
}

/** Same for a publication request: the returned request and its version are read under the journey lock. */
export async function lockRequest(ctx: DomainContext, tx: Tx, requestId: string) {
  const found = await tx.publicationRequest.findFirst({
    where: { id: requestId, workspaceId: ctx.actor.workspaceId },
    select: { version: { select: { journeyId: true } } },
  });
  if (!found) throw AppError.notFound("Publication request", requestId);
  await lockJourney(tx, found.version.journeyId);
  return tx.publicationRequest.findUniqueOrThrow({ where: { id: requestId }, include: { version: true } });
}
