import type { Prisma } from "@northstar/db";
import { diffDefinitions } from "@northstar/journey";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { asDefinition, draftDefinitionSchema, parseStoredDefinition, type StoredDefinition } from "./draft-definition";
import { lockJourney, lockVersion } from "./journey-lock";
import { toVersionDetail, toVersionSummary, type VersionDetail } from "./views";

export const SaveDraftInput = z.object({
  versionId: z.string().min(1),
  /** The revision the editor loaded; a save based on an older one is refused as a conflict. */
  baseRevision: z.number().int().min(1),
  definition: draftDefinitionSchema,
});

type Tx = Prisma.TransactionClient;

export async function findVersion(ctx: DomainContext, versionId: string, tx: Tx = ctx.db) {
  const row = await tx.journeyVersion.findFirst({ where: { id: versionId, workspaceId: ctx.actor.workspaceId } });
  if (!row) throw AppError.notFound("Version", versionId);
  return row;
}

async function detail(ctx: DomainContext, row: Parameters<typeof toVersionDetail>[0]): Promise<VersionDetail> {
  return toVersionDetail(row, await loadUserRefs(ctx.db, [row.createdById, row.updatedById]));
}

export async function getVersion(ctx: DomainContext, versionId: string) {
  return detail(ctx, await findVersion(ctx, versionId));
}

export async function listVersions(ctx: DomainContext, journeyId: string) {
  const rows = await ctx.db.journeyVersion.findMany({
    where: { journeyId, workspaceId: ctx.actor.workspaceId },
    orderBy: { number: "desc" },
  });
  if (rows.length === 0) throw AppError.notFound("Journey", journeyId);
  const users = await loadUserRefs(
    ctx.db,
    rows.map((r) => r.createdById),
  );
  return rows.map((r) => toVersionSummary(r, users));
}

/** A one-line account of what changed between two definitions, for the audit trail. */
export function describeChanges(before: StoredDefinition, after: StoredDefinition) {
  const diff = diffDefinitions(asDefinition(before), asDefinition(after));
  const parts: string[] = [];
  const count = (n: number, what: string, verb: string) =>
    n > 0 && parts.push(`${n} ${what}${n === 1 ? "" : "s"} ${verb}`);
  count(diff.nodes.added.length, "node", "added");
  count(diff.nodes.removed.length, "node", "removed");
  count(diff.nodes.changed.length, "node", "changed");
  count(diff.edges.added.length, "edge", "added");
  count(diff.edges.removed.length, "edge", "removed");
  count(diff.edges.changed.length, "edge", "changed");
  return { text: parts.length ? parts.join(", ") : "no changes to the graph", diff };
}

async function nextNumber(tx: Tx, journeyId: string) {
  const last = await tx.journeyVersion.findFirst({ where: { journeyId }, orderBy: { number: "desc" } });
  return (last?.number ?? 0) + 1;
}

/**
 * The version to edit: the open draft (or one awaiting approval), else a new draft copied from the published
 * version, so that editing a live journey never touches what runs.
 */
export async function openDraft(ctx: DomainContext, journeyId: string): Promise<VersionDetail> {
  const row = await ctx.db.$transaction(async (tx) => {
    const journey = await tx.journey.findFirst({ where: { id: journeyId, workspaceId: ctx.actor.workspaceId } });
    if (!journey) throw AppError.notFound("Journey", journeyId);
    if (journey.status === "ARCHIVED") throw new AppError("PRECONDITION_FAILED", "Archived journeys cannot be edited");
    await lockJourney(tx, journeyId);
    const open = await tx.journeyVersion.findFirst({
      where: { journeyId, state: { in: ["DRAFT", "PENDING_APPROVAL"] } },
      orderBy: { number: "desc" },
    });
    if (open) return open;
    const source = await tx.journeyVersion.findFirst({ where: { journeyId, state: "PUBLISHED" } });
    const base = source ?? (await tx.journeyVersion.findFirst({ where: { journeyId }, orderBy: { number: "desc" } }));
    if (!base) throw AppError.notFound("Journey", journeyId);
    const created = await tx.journeyVersion.create({
      data: {
        journeyId,
        workspaceId: ctx.actor.workspaceId,
        number: await nextNumber(tx, journeyId),
        definition: base.definition as Prisma.InputJsonValue,
        createdById: ctx.actor.userId,
        updatedById: ctx.actor.userId,
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "version.create",
      entityType: "version",
      entityId: created.id,
      journeyId,
      summary: `Started draft v${created.number} from v${base.number}`,
    });
    return created;
  });
  return detail(ctx, row);
}

/**
 * Saves a draft (autosave and explicit save alike). Refuses published versions (immutable) and saves based on an
 * older revision (someone else saved meanwhile): nothing already saved is overwritten. Editing a version awaiting
 * approval withdraws its request.
 */
export async function saveDraft(ctx: DomainContext, input: z.input<typeof SaveDraftInput>): Promise<VersionDetail> {
  const data = SaveDraftInput.parse(input);
  const row = await ctx.db.$transaction(async (tx) => {
    const current = await lockVersion(ctx, tx, data.versionId);
    if (current.state !== "DRAFT" && current.state !== "PENDING_APPROVAL") {
      throw new AppError("PRECONDITION_FAILED", `Version ${current.id} is ${current.state} and cannot change`, {
        userMessage: `Version ${current.number} is ${current.state.toLowerCase()} and read-only; edit a new draft instead`,
      });
    }
    if (current.revision !== data.baseRevision) {
      const by = await tx.user.findUnique({ where: { id: current.updatedById }, select: { name: true } });
      throw new AppError(
        "CONFLICT",
        `Draft ${current.id} is at revision ${current.revision}, save based on ${data.baseRevision}`,
        {
          userMessage: `${by?.name ?? "Someone"} saved this draft at ${current.updatedAt.toISOString()} after you opened it. Reload to see their changes; your edits were not saved.`,
          details: {
            currentRevision: current.revision,
            updatedBy: by?.name ?? null,
            updatedAt: current.updatedAt.toISOString(),
          },
        },
      );
    }
    const before = parseStoredDefinition(current.definition);
    const changes = describeChanges(before, data.definition);
    const saved = await tx.journeyVersion.update({
      where: { id: current.id },
      data: {
        definition: data.definition as Prisma.InputJsonValue,
        revision: { increment: 1 },
        updatedById: ctx.actor.userId,
        state: "DRAFT",
      },
    });
    if (current.state === "PENDING_APPROVAL") {
      await tx.publicationRequest.updateMany({
        where: { versionId: current.id, status: "PENDING" },
        data: { status: "WITHDRAWN", decidedAt: new Date(), decisionNote: "Withdrawn: the draft was edited" },
      });
    }
    await recordAudit(tx, ctx.actor, {
      action: "version.save",
      entityType: "version",
      entityId: current.id,
      journeyId: current.journeyId,
      summary: `Saved draft v${current.number}: ${changes.text}`,
      changes: { revision: saved.revision, ...changes.diff } as unknown as Prisma.InputJsonValue,
    });
    return saved;
  });
  return detail(ctx, row);
}

/** Restores an older version as a new draft; an open draft is archived first (still in history, restorable). */
export async function restoreVersion(ctx: DomainContext, versionId: string): Promise<VersionDetail> {
  const row = await ctx.db.$transaction(async (tx) => {
    const source = await lockVersion(ctx, tx, versionId);
    const journey = await tx.journey.findUniqueOrThrow({ where: { id: source.journeyId } });
    if (journey.status === "ARCHIVED") throw new AppError("PRECONDITION_FAILED", "Archived journeys cannot be edited");
    const open = await tx.journeyVersion.findMany({
      where: { journeyId: source.journeyId, state: { in: ["DRAFT", "PENDING_APPROVAL"] } },
    });
    for (const draft of open) {
      await tx.journeyVersion.update({ where: { id: draft.id }, data: { state: "ARCHIVED" } });
      await tx.publicationRequest.updateMany({
        where: { versionId: draft.id, status: "PENDING" },
        data: { status: "WITHDRAWN", decidedAt: new Date(), decisionNote: "Withdrawn: an older version was restored" },
      });
    }
    const created = await tx.journeyVersion.create({
      data: {
        journeyId: source.journeyId,
        workspaceId: ctx.actor.workspaceId,
        number: await nextNumber(tx, source.journeyId),
        definition: source.definition as Prisma.InputJsonValue,
        restoredFromVersionId: source.id,
        createdById: ctx.actor.userId,
        updatedById: ctx.actor.userId,
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "version.restore",
      entityType: "version",
      entityId: created.id,
      journeyId: source.journeyId,
      summary: `Restored v${source.number} as draft v${created.number}${open.length ? ` (archived draft v${open.map((d) => d.number).join(", v")})` : ""}`,
      changes: { restoredFrom: source.id, archivedDrafts: open.map((d) => d.id) },
    });
    return created;
  });
  return detail(ctx, row);
}
