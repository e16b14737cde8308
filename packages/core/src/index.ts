export * from "./errors/app-error";
export * from "./workspace/scope";
export * from "./workspace/membership";
export * from "./audit/audit";
export * from "./objectives/schema";
export * from "./objectives/objectives";
