export * from "./explanations";
export * from "./plan-objective";
export * from "./review-actions";
export * from "./review-queue";
export * from "./review-schema";
