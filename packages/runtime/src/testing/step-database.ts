import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import pg from "pg";
import type { WithClient } from "../execute/step-tx";
import { installQueue } from "../queue-schema";
import { publishJourney, runtimeWorkspace } from "./fixtures";
import { clickJourney } from "./journeys";

export interface StepDatabase {
  t: TestDatabase;
  /** Connections for runStep, as the worker lends them. */
  withClient: WithClient;
  close(): Promise<void>;
}

/** A test database with the job queue installed and a small pool to run steps on. */
export async function createStepDatabase(): Promise<StepDatabase> {
  const t = await createTestDatabase();
  await installQueue(t.url);
  const pool = new pg.Pool({ connectionString: t.url, max: 4 });
  return {
    t,
    withClient: async (work) => {
      const client = await pool.connect();
      try {
        return await work(client);
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await t.drop();
    },
  };
}

/**
 * A step database whose workspace has a "purchase" objective and the published click journey (journeys.ts): what the
 * event-processing tests send their events to.
 */
export async function clickJourneyDatabase() {
  const database = await createStepDatabase();
  const setup = await runtimeWorkspace(database.t.prisma, "purchase");
  await publishJourney(setup.ctx, setup.objective.id, clickJourney());
  return { database, setup };
}
