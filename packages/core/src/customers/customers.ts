import { z } from "zod";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";

export const ListCustomersInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    cursor: z.string().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });

export async function listCustomers(ctx: DomainContext, input: z.input<typeof ListCustomersInput> = {}) {
  const { search, cursor, limit } = ListCustomersInput.parse(input);
  const rows = await ctx.db.customer.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: "insensitive" as const } },
              { externalId: { contains: search } },
              { anonymousId: { contains: search } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? (rows[limit - 1]?.id ?? null) : null };
}

/**
 * A customer's profile and what happened to them, newest first: events, enrollments and messages. Decisions and
 * guardrail blocks, with their explanations, come from `decisions.forCustomer`.
 */
export async function customerTimeline(ctx: DomainContext, customerId: string) {
  const customer = await ctx.db.customer.findFirst({ where: { id: customerId, workspaceId: ctx.actor.workspaceId } });
  if (!customer) throw AppError.notFound("Customer", customerId);
  const where = { customerId, workspaceId: ctx.actor.workspaceId };
  const [events, enrollments, messages] = await Promise.all([
    ctx.db.event.findMany({
      where,
      orderBy: { timestamp: "desc" },
      take: 200,
      select: { id: true, type: true, name: true, properties: true, traits: true, timestamp: true },
    }),
    ctx.db.enrollment.findMany({ where, orderBy: { enteredAt: "desc" }, take: 100 }),
    ctx.db.message.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        channel: true,
        subject: true,
        status: true,
        createdAt: true,
        sentAt: true,
        openedAt: true,
        clickedAt: true,
        stepId: true,
        enrollmentId: true,
      },
    }),
  ]);
  const journeys = await ctx.db.journey.findMany({
    where: { id: { in: [...new Set(enrollments.map((e) => e.journeyId))] }, workspaceId: ctx.actor.workspaceId },
    select: { id: true, name: true },
  });
  const names = new Map(journeys.map((j) => [j.id, j.name]));
  return {
    customer,
    events,
    enrollments: enrollments.map((e) => ({ ...e, journeyName: names.get(e.journeyId) ?? e.journeyId })),
    messages,
  };
}
