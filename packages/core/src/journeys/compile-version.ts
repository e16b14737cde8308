import type { Prisma } from "@northstar/db";
import {
  type CompileContext,
  compile,
  DEFAULT_GUARDRAILS,
  guardrailsOverrideSchema,
  guardrailsSchema,
} from "@northstar/journey";
import type { DomainContext } from "../workspace/scope";
import { findVersion } from "./version-service";

type Db = DomainContext["db"] | Prisma.TransactionClient;

/** The workspace's global guardrails: stored fields over the defaults. */
export function parseWorkspaceGuardrails(stored: unknown) {
  const partial = guardrailsOverrideSchema.parse(stored ?? {});
  return guardrailsSchema.parse({ ...DEFAULT_GUARDRAILS, ...partial });
}

/** Everything compile needs besides the graph: the bound objective, effective guardrails and branch activity. */
export async function buildCompileContext(
  ctx: DomainContext,
  journeyId: string,
  db: Db = ctx.db,
): Promise<CompileContext> {
  const journey = await db.journey.findFirstOrThrow({
    where: { id: journeyId, workspaceId: ctx.actor.workspaceId },
    include: { objective: true, workspace: { select: { guardrails: true, staleAfterDays: true } } },
  });
  const [active, activity] = await Promise.all([
    db.objective.findMany({ where: { workspaceId: ctx.actor.workspaceId, archivedAt: null }, select: { id: true } }),
    db.edgeActivity.findMany({ where: { journeyId, workspaceId: ctx.actor.workspaceId } }),
  ]);
  return {
    objective: { id: journey.objective.id, name: journey.objective.name, metric: journey.objective.metric as never },
    knownObjectiveIds: active.map((o) => o.id),
    guardrails: {
      global: parseWorkspaceGuardrails(journey.workspace.guardrails),
      override: guardrailsOverrideSchema.parse(journey.guardrailOverrides ?? {}),
    },
    activity: {
      liveSince: journey.liveSince,
      // Keyed by stable edge id, so history survives republishing; an edge with no row has never fired.
      edges: Object.fromEntries(activity.map((a) => [a.edgeId, { lastFiredAt: a.lastFiredAt, count: a.total }])),
      now: new Date(),
      staleAfterDays: journey.workspace.staleAfterDays,
    },
  };
}

/** Compiles a stored version as it would be published now. Pure compile; the I/O is loading its inputs. */
export async function compileVersion(ctx: DomainContext, versionId: string, db: Db = ctx.db) {
  const version = await findVersion(ctx, versionId, db);
  const context = await buildCompileContext(ctx, version.journeyId, db);
  const result = compile(version.definition, context);
  return { version, ...result };
}
