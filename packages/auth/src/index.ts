export * from "./authenticate";
export * from "./options";
export * from "./roles";
export * from "./safe-redirect";
export * from "./sessions";
