export { createTestDatabase, createEmptyTestDatabase, testServerUrl, type TestDatabase } from "./test-database";
export { createUser, createWorkspace, type CreateUserInput, type TestUser } from "./factories";
