declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL (superuser, `postgres` database) of the server the integration tests share. */
    databaseUrl: string;
    /** Name of the migrated database each test file's database is cloned from. */
    templateDatabase: string;
  }
}

export {};
