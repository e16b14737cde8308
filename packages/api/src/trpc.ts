import type { Actor, DomainContext } from "@northstar/core";
import { countMutation } from "@northstar/auth";
import { listMemberships } from "@northstar/core";
import type { PrismaClient, Role } from "@northstar/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { errorData, RateLimitedError, toTRPCError } from "./errors";
import { serverTransformer } from "./server-transformer";

export interface SessionInfo {
  userId: string;
}

export interface Context {
  db: PrismaClient;
  /** null when the request carries no valid (or an expired) session. */
  session: SessionInfo | null;
  /** The workspace the client asked for (cookie); the oldest membership when absent. */
  requestedWorkspaceId: string | null;
}

const t = initTRPC.context<Context>().create({
  transformer: serverTransformer,
  errorFormatter({ shape, error }) {
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? "Something went wrong" : shape.message,
      data: { ...shape.data, stack: undefined, ...errorData(error.cause) },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorMapping);

/** Every change counts against the user's per-minute allowance (MUTATION_RATE_LIMIT_PER_MINUTE), in PostgreSQL. */
async function enforceMutationLimit(db: PrismaClient, userId: string): Promise<void> {
  const allowance = await countMutation(db, userId);
  if (allowance.allowed) return;
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many changes in a short time; try again in ${allowance.retryAfterSeconds} seconds`,
    cause: new RateLimitedError(allowance.retryAfterSeconds),
  });
}

/** A signed-in user whose account still exists; their mutations are rate limited. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const user = await ctx.db.user.findUnique({
    where: { id: ctx.session.userId },
    select: { id: true, email: true, name: true },
  });
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid; sign in again" });
  if (type === "mutation") await enforceMutationLimit(ctx.db, user.id);
  return next({ ctx: { ...ctx, user } });
});

type MembershipList = Awaited<ReturnType<typeof listMemberships>>;

/**
 * The workspace a request acts in: the one it asks for when the user is a member of it, else the oldest membership.
 * A request for any other workspace (a stale cookie after leaving it, or a forged one) acts in the user's own
 * workspace instead of failing every page: access is never wider, and the user is never stuck.
 */
export function activeMembership(memberships: MembershipList, requested: string | null) {
  return (requested ? memberships.find((m) => m.workspaceId === requested) : undefined) ?? memberships[0] ?? null;
}

/** A member of the active workspace; every query below is scoped through `ctx.actor.workspaceId`. */
export const workspaceProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const memberships = await listMemberships(ctx.db, ctx.user.id);
  const membership = activeMembership(memberships, ctx.requestedWorkspaceId);
  if (!membership) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any workspace" });
  }
  const actor: Actor = { userId: ctx.user.id, workspaceId: membership.workspaceId, role: membership.role };
  const domain: DomainContext = { db: ctx.db, actor };
  return next({ ctx: { ...ctx, memberships, membership, actor, domain } });
});

/** A workspace member holding one of `roles`. */
export function roleProcedure(...roles: Role[]) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This action needs the ${roles.join(" or ")} role; you are ${ctx.actor.role}`,
      });
    }
    return next();
  });
}

export const managerProcedure = roleProcedure("ADMIN", "MANAGER");
export const adminProcedure = roleProcedure("ADMIN");
