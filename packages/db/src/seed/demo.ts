import type { Objective, PrismaClient, Workspace } from "../generated/prisma/client";
import { hashPassword } from "../password";
import { DEMO_CREDENTIALS, DEMO_WORKSPACES, type DemoUser } from "./demo-credentials";

export interface SeedResult {
  /** True when this call created the demo users (first start): the launcher then prints the credentials. */
  createdUsers: boolean;
  workspaces: { acme: Workspace; globex: Workspace };
  objectives: Objective[];
}

const ACME_OBJECTIVES = [
  {
    name: "Repeat purchase",
    description: "Bring first-time buyers back for a second order within two weeks.",
    metric: { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" },
    negativeSignals: [{ event: "Unsubscribed" }],
  },
  {
    name: "Trial conversion",
    description: "Turn trial sign-ups into paying subscribers before the trial ends.",
    metric: { event: "Subscription Started", aggregation: "count", windowDays: 30, direction: "increase" },
    negativeSignals: [{ event: "Unsubscribed" }, { event: "Trial Cancelled" }],
  },
];

async function upsertUser(prisma: PrismaClient, user: DemoUser, workspaceId: string): Promise<boolean> {
  const existing = await prisma.user.findUnique({ where: { email: user.email } });
  // Existing users keep their password: a re-seed must not undo a change made in the app.
  const row =
    existing ??
    (await prisma.user.create({
      data: { email: user.email, name: user.name, passwordHash: await hashPassword(user.password) },
    }));
  await prisma.membership.upsert({
    where: { workspaceId_userId: { workspaceId, userId: row.id } },
    create: { workspaceId, userId: row.id, role: user.role },
    update: {},
  });
  return !existing;
}

/** Idempotent demo data: Acme Retail (three roles, two objectives) and Globex (one admin) to show isolation. */
export async function seedDemo(prisma: PrismaClient): Promise<SeedResult> {
  const upsertWorkspace = (w: { name: string; slug: string }) =>
    prisma.workspace.upsert({ where: { slug: w.slug }, create: w, update: {} });
  const acme = await upsertWorkspace(DEMO_WORKSPACES.acme);
  const globex = await upsertWorkspace(DEMO_WORKSPACES.globex);
  const ids = { acme: acme.id, globex: globex.id };

  let createdUsers = false;
  for (const user of Object.values(DEMO_CREDENTIALS)) {
    if (await upsertUser(prisma, user, ids[user.workspaceSlug])) createdUsers = true;
  }

  const objectives: Objective[] = [];
  for (const objective of ACME_OBJECTIVES) {
    objectives.push(
      await prisma.objective.upsert({
        where: { workspaceId_name: { workspaceId: acme.id, name: objective.name } },
        create: { ...objective, workspaceId: acme.id },
        update: {},
      }),
    );
  }
  return { createdUsers, workspaces: { acme, globex }, objectives };
}
