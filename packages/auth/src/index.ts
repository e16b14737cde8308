export * from "./authenticate";
export * from "./mutation-limit";
export * from "./options";
export * from "./rate-limit";
export * from "./roles";
export * from "./safe-redirect";
export * from "./sessions";
export * from "./sign-in-throttle";
