export { seedDemo, type SeedResult } from "./seed/demo.js";
export { DEMO_CREDENTIALS, DEMO_WORKSPACES, type DemoUser } from "./seed/demo-credentials.js";
