// The one Prisma client, its types and password hashing: what the web app, the API and the worker import.
// Starting servers, migrating and seeding live in ./setup (@northstar/db/setup), kept out of the web bundle.
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type {
  AuditEntry,
  Journey,
  JourneyVersion,
  Membership,
  Objective,
  PublicationRequest,
  User,
  WorkerHeartbeat,
  Workspace,
} from "./generated/prisma/client";
export { JourneyStatus, PublicationRequestStatus, Role, VersionState } from "./generated/prisma/enums";
export { createPrismaClient, disconnectDb, getDb } from "./client";
export { hashPassword, verifyPassword } from "./password";
export {
  foldCoEnrollments,
  type JourneyEntry,
  OVERLAP_WINDOW_DAYS,
  overlapWindowStart,
} from "./rollups/co-enrollment";
