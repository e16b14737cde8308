import type { PrismaClient, Role } from "@northstar/db";

/** The caller of a domain function: every read and write is scoped to `workspaceId`. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: Role;
}

export interface DomainContext {
  db: PrismaClient;
  actor: Actor;
}
