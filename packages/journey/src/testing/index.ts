export * from "./journeys";
export * from "./large-journey";
export * from "./nodes";
export * from "./chains";
