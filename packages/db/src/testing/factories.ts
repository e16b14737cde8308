import { randomBytes } from "node:crypto";
import type { Membership, PrismaClient, User, Workspace } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { hashPassword } from "../password";

const unique = () => randomBytes(4).toString("hex");

export function createWorkspace(
  prisma: PrismaClient,
  overrides: Partial<Pick<Workspace, "name" | "slug" | "staleAfterDays">> = {},
): Promise<Workspace> {
  const suffix = unique();
  return prisma.workspace.create({
    data: { name: `Workspace ${suffix}`, slug: `ws-${suffix}`, ...overrides },
  });
}

export interface CreateUserInput {
  workspaceId: string;
  role: Role;
  email?: string;
  name?: string;
  password?: string;
}

export type TestUser = User & { password: string; membership: Membership };

/** A user with a membership in `workspaceId`; returns the row plus its plain password for sign-in tests. */
export async function createUser(prisma: PrismaClient, input: CreateUserInput): Promise<TestUser> {
  const suffix = unique();
  const password = input.password ?? `password-${suffix}`;
  const user = await prisma.user.create({
    data: {
      email: input.email ?? `user-${suffix}@example.test`,
      name: input.name ?? `User ${suffix}`,
      passwordHash: await hashPassword(password),
      memberships: { create: { workspaceId: input.workspaceId, role: input.role } },
    },
    include: { memberships: true },
  });
  const { memberships, ...row } = user;
  return { ...row, password, membership: memberships[0] as Membership };
}
