export { seedDemo, type SeedResult } from "./seed/demo";
export { DEMO_CREDENTIALS, DEMO_WORKSPACES, type DemoUser } from "./seed/demo-credentials";
export { type HistoryResult, seedHistory } from "./seed/history";
