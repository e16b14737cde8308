export { type AppRouter, appRouter, createCaller } from "./root";
export type { Context, SessionInfo } from "./trpc";
export { handleTrpcRequest, MAX_REQUEST_BYTES, TRPC_ENDPOINT } from "./http";
export type { FieldErrors } from "./errors";
