import type pg from "pg";

/**
 * Turns a postgres URL into discrete pg settings. @prisma/adapter-pg opens the shadow database with
 * `{ ...config, database }`; with a `connectionString` in config, pg lets the URL win over `database`
 * and the "shadow" work would run on the real database. Discrete fields make the override effective.
 */
export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  const config: pg.PoolConfig = {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
  };
  if (sslmode && sslmode !== "disable" && sslmode !== "prefer") {
    config.ssl = { rejectUnauthorized: sslmode === "verify-ca" || sslmode === "verify-full" };
  }
  return config;
}
