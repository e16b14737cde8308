export { createTestDatabase, createEmptyTestDatabase, testServerUrl, type TestDatabase } from "./test-database.js";
export { createUser, createWorkspace, type CreateUserInput, type TestUser } from "./factories.js";
