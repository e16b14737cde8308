export * from "./authenticate";
export * from "./options";
export * from "./roles";
