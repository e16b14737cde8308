import { objectiveRouter } from "./routers/objective";
import { sessionRouter } from "./routers/session";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  workspace: workspaceRouter,
  objective: objectiveRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
