import { createHash, randomBytes } from "node:crypto";
import { hashPassword, type Prisma, type PrismaClient, type Role, verifyPassword } from "@northstar/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { Actor, DomainContext } from "./scope";

export const ROLES = ["ADMIN", "MANAGER", "MARKETER"] as const satisfies readonly Role[];
export const RoleSchema = z.enum(ROLES, "must be ADMIN, MANAGER or MARKETER");

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7;

export const InviteMemberInput = z.object({
  email: z
    .email("must be an email address")
    .max(320)
    .transform((e) => e.toLowerCase()),
  role: RoleSchema,
});

export const ChangeRoleInput = z.object({ userId: z.string().min(1), role: RoleSchema });
export const RemoveMemberInput = z.object({ userId: z.string().min(1) });

export const AcceptInvitationInput = z.object({
  token: z.string().min(20, "is not a valid invitation link").max(200),
  name: z.string().trim().min(1, "is required").max(120),
  password: z.string().min(10, "must be at least 10 characters").max(200),
});

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function requireAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `Role ${actor.role} cannot manage the team`, {
      userMessage: "Only an admin can manage members and invitations",
    });
  }
}

/** Serialises team changes of one workspace, so two admins demoting each other cannot leave it without an admin. */
async function lockWorkspace(tx: Prisma.TransactionClient, workspaceId: string) {
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}

async function refuseLastAdmin(tx: Prisma.TransactionClient, workspaceId: string, userId: string, what: string) {
  const admins = await tx.membership.count({ where: { workspaceId, role: "ADMIN", userId: { not: userId } } });
  if (admins === 0) {
    throw new AppError("PRECONDITION_FAILED", `Refused to ${what} the last admin of workspace ${workspaceId}`, {
      userMessage: `The last admin cannot be ${what === "remove" ? "removed" : "demoted"}: make another member an admin first`,
    });
  }
}

async function memberOrThrow(tx: Prisma.TransactionClient, workspaceId: string, userId: string) {
  const member = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    include: { user: { select: { email: true, name: true } } },
  });
  if (!member) throw AppError.notFound("Member", userId);
  return member;
}

/** Creates a one-time invitation link; the token is returned once and only its hash is stored. */
export async function inviteMember(ctx: DomainContext, input: z.input<typeof InviteMemberInput>) {
  requireAdmin(ctx.actor);
  const { email, role } = InviteMemberInput.parse(input);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const invitation = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.membership.findFirst({
      where: { workspaceId: ctx.actor.workspaceId, user: { email } },
    });
    if (existing) {
      throw new AppError("CONFLICT", `${email} is already a member`, {
        userMessage: `${email} is already a member of this workspace`,
        details: { fieldErrors: { email: ["is already a member of this workspace"] } },
      });
    }
    // A new link replaces any earlier one for the same address, so only the latest works.
    await tx.invitation.updateMany({
      where: { workspaceId: ctx.actor.workspaceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        email,
        role,
        tokenHash: tokenHash(token),
        invitedById: ctx.actor.userId,
        expiresAt,
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "member.invite",
      entityType: "invitation",
      entityId: created.id,
      summary: `Invited ${email} as ${role}`,
      changes: { email, role },
    });
    return created;
  });
  return { id: invitation.id, email, role, expiresAt, token, path: `/invite/${token}` };
}

export async function listInvitations(ctx: DomainContext) {
  const rows = await ctx.db.invitation.findMany({
    where: { workspaceId: ctx.actor.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, createdAt: r.createdAt }));
}

export async function revokeInvitation(ctx: DomainContext, input: { invitationId: string }) {
  requireAdmin(ctx.actor);
  await ctx.db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, workspaceId: ctx.actor.workspaceId, acceptedAt: null, revokedAt: null },
    });
    if (!invitation) throw AppError.notFound("Invitation", input.invitationId);
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx.actor, {
      action: "member.invite_revoke",
      entityType: "invitation",
      entityId: invitation.id,
      summary: `Revoked the invitation of ${invitation.email}`,
    });
  });
}

function invalidInvitation() {
  return new AppError("NOT_FOUND", "Invitation unknown, used, revoked or expired", {
    userMessage: "This invitation link is no longer valid; ask an admin for a new one",
  });
}

async function usableInvitation(db: PrismaClient | Prisma.TransactionClient, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { workspace: { select: { name: true } } },
  });
  if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt <= new Date()) {
    throw invalidInvitation();
  }
  return invitation;
}

/** What the public invitation page shows before the invitee sets a password. */
export async function describeInvitation(db: PrismaClient, token: string) {
  const invitation = await usableInvitation(db, token);
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    role: invitation.role,
    workspaceName: invitation.workspace.name,
    hasAccount: account !== null,
  };
}

/**
 * Accepts an invitation: creates the account with the chosen password, or, when the address already has an account,
 * checks its password. The token works once.
 */
export async function acceptInvitation(db: PrismaClient, input: z.input<typeof AcceptInvitationInput>) {
  const { token, name, password } = AcceptInvitationInput.parse(input);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const invitation = await usableInvitation(tx, token);
    await lockWorkspace(tx, invitation.workspaceId);
    // Claim the token first: a second acceptance racing this one finds it used.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw invalidInvitation();
    let user = await tx.user.findUnique({ where: { email: invitation.email } });
    if (user) {
      if (!(await verifyPassword(password, user.passwordHash))) {
        throw new AppError("UNAUTHORIZED", "Wrong password for an existing account", {
          userMessage: "This address already has an account: enter its password to join",
          details: { fieldErrors: { password: ["is not the password of this account"] } },
        });
      }
    } else {
      user = await tx.user.create({ data: { email: invitation.email, name, passwordHash } });
    }
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
      create: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
      update: {},
    });
    await recordAudit(
      tx,
      { userId: user.id, workspaceId: invitation.workspaceId, role: invitation.role },
      {
        action: "member.join",
        entityType: "member",
        entityId: user.id,
        summary: `${user.email} accepted the invitation and joined as ${invitation.role}`,
        changes: { invitationId: invitation.id, role: invitation.role },
      },
    );
    return { userId: user.id, email: user.email, workspaceId: invitation.workspaceId };
  });
}

export async function changeMemberRole(ctx: DomainContext, input: z.input<typeof ChangeRoleInput>) {
  requireAdmin(ctx.actor);
  const { userId, role } = ChangeRoleInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.actor.workspaceId);
    const member = await memberOrThrow(tx, ctx.actor.workspaceId, userId);
    if (member.role === role) return;
    if (member.role === "ADMIN") await refuseLastAdmin(tx, ctx.actor.workspaceId, userId, "demote");
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, ctx.actor, {
      action: "member.role_change",
      entityType: "member",
      entityId: userId,
      summary: `Changed ${member.user.email} from ${member.role} to ${role}`,
      changes: { from: member.role, to: role },
    });
  });
}

export async function removeMember(ctx: DomainContext, input: z.input<typeof RemoveMemberInput>) {
  requireAdmin(ctx.actor);
  const { userId } = RemoveMemberInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.actor.workspaceId);
    const member = await memberOrThrow(tx, ctx.actor.workspaceId, userId);
    if (member.role === "ADMIN") await refuseLastAdmin(tx, ctx.actor.workspaceId, userId, "remove");
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, ctx.actor, {
      action: "member.remove",
      entityType: "member",
      entityId: userId,
      summary: `Removed ${member.user.email} (${member.role})`,
      changes: { role: member.role },
    });
  });
}
