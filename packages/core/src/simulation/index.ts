export * from "./behaviour-history";
export * from "./guardrail-dry-run";
export * from "./plan";
export * from "./population";
export * from "./run-simulation";
export * from "./schema";
export * from "./simulation-service";
