import { auditRouter } from "./routers/audit";
import { canvasRouter } from "./routers/canvas";
import { guardrailsRouter } from "./routers/guardrails";
import { dashboardRouter } from "./routers/dashboard";
import { decisionsRouter } from "./routers/decisions";
import { customersRouter } from "./routers/customers";
import { journeyRouter } from "./routers/journey";
import { objectiveRouter } from "./routers/objective";
import { outboxRouter } from "./routers/outbox";
import { publicationRouter } from "./routers/publication";
import { reviewRouter } from "./routers/review";
import { runtimeRouter } from "./routers/runtime";
import { sessionRouter } from "./routers/session";
import { simulationRouter } from "./routers/simulation";
import { versionRouter } from "./routers/version";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  workspace: workspaceRouter,
  objective: objectiveRouter,
  guardrails: guardrailsRouter,
  journey: journeyRouter,
  version: versionRouter,
  publication: publicationRouter,
  audit: auditRouter,
  canvas: canvasRouter,
  dashboard: dashboardRouter,
  runtime: runtimeRouter,
  outbox: outboxRouter,
  customers: customersRouter,
  simulation: simulationRouter,
  review: reviewRouter,
  decisions: decisionsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
