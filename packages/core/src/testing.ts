/** Fixtures for integration tests of packages that build on core (not part of the application's API). */
export { publishedJourney } from "./decisions/test-fixtures";
