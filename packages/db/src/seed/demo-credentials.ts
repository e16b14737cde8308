import type { Role } from "../generated/prisma/enums";

export interface DemoUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  workspaceSlug: "acme" | "globex";
}

/** Fixed demo sign-ins, printed by the launcher on first start. Local demo data only. */
export const DEMO_CREDENTIALS = {
  admin: {
    email: "admin@northstar.local",
    name: "Ada Admin",
    password: "northstar-admin",
    role: "ADMIN",
    workspaceSlug: "acme",
  },
  manager: {
    email: "manager@northstar.local",
    name: "Max Manager",
    password: "northstar-manager",
    role: "MANAGER",
    workspaceSlug: "acme",
  },
  marketer: {
    email: "marketer@northstar.local",
    name: "Mia Marketer",
    password: "northstar-marketer",
    role: "MARKETER",
    workspaceSlug: "acme",
  },
  globexAdmin: {
    email: "admin@globex.local",
    name: "Gus Globex",
    password: "globex-admin",
    role: "ADMIN",
    workspaceSlug: "globex",
  },
} as const satisfies Record<string, DemoUser>;

export const DEMO_WORKSPACES = {
  acme: { name: "Acme Retail", slug: "acme" },
  globex: { name: "Globex", slug: "globex" },
} as const;
