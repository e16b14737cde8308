import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { schemaPath } from "../paths";
import { patchCatalogTypes } from "./catalog-types";
import { poolConfigFromUrl } from "./pool-config";

type Bindings = typeof import("@prisma/schema-engine-wasm");

// The base tsconfig has no DOM lib, where the WebAssembly types live; this is the little we use.
type WasmExports = Record<string, unknown>;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: WasmExports };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let bindings: Promise<Bindings> | undefined;
let lastPanic: string | undefined;

/** The message of the last Rust panic inside the engine (its thrown error is only "unreachable"). */
export function takeEnginePanic(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

/**
 * Node 20 cannot import the package entry (it imports a .wasm file as a module), so we instantiate
 * schema_engine_bg.wasm ourselves and hand its exports to the generated JS glue, as the entry would.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    // The engine reports Rust panics through this global before throwing; without it a panic crashes the process.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings & {
      __wbg_set_wasm(exports: WasmExports): void;
    };
    const bytes = readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

interface ScriptRunner {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
}

/**
 * The adapter runs a script by splitting it on every ";", which cuts dollar-quoted bodies (functions, triggers) in
 * pieces. PostgreSQL takes a multi-statement script as one query (one implicit transaction), as the native engine
 * of `prisma migrate deploy` sends it: do that.
 */
function runScriptsWhole<T extends object>(adapter: T): T {
  const runner = adapter as unknown as ScriptRunner;
  runner.executeScript = async (script: string) => {
    try {
      await runner.underlyingDriver().query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
  return adapter;
}

/**
 * A plain config object, not a pg.Pool: the adapter copies its config for the shadow database and a Pool's
 * copy loses the password (pg-pool stores it as a non-enumerable property). Tracks the connections it opens
 * so that closing the engine leaves no idle connection behind (a template database must have none).
 */
class TrackedPrismaPg extends PrismaPg {
  private readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = runScriptsWhole(patchCatalogTypes(await super.connect()));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolation) => patchCatalogTypes(await startTransaction(isolation));
    this.opened.push(adapter);
    return adapter;
  }

  constructor(private readonly settings: pg.PoolConfig) {
    super(settings);
  }

  /**
   * Replaces the adapter's own shadow database handling, which drops the database before closing its pool
   * ("database is being accessed by other users") and so leaves it behind.
   */
  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.admin(`CREATE DATABASE "${database}"`);
    const shadow = runScriptsWhole(patchCatalogTypes(await new PrismaPg({ ...this.settings, database }).connect()));
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await this.admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    this.opened.push(shadow);
    return shadow;
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client(this.settings);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async disposeAll(): Promise<void> {
    for (const adapter of this.opened.splice(0)) await adapter.dispose().catch(() => undefined);
  }
}

export const noFilters = { externalTables: [], externalEnums: [] };

export interface Engine {
  /** Runs one engine command, turning its opaque "External error id#N" and panics into readable errors. */
  run<T>(command: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A schema engine connected to `url` through the pg driver adapter, patched so that the engine can read
 * pg_catalog (see catalog-types.ts).
 */
export async function openEngine(url: string, schema = readFileSync(schemaPath, "utf8")): Promise<Engine> {
  const { SchemaEngine } = await loadBindings();
  const factory = new TrackedPrismaPg({ ...poolConfigFromUrl(url), max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (line: string) => logs.push(line),
    adapter,
  );
  const run = async <T>(command: (e: SchemaEngine) => Promise<T>): Promise<T> => {
    try {
      return await command(engine);
    } catch (error) {
      const message = String((error as Error)?.message ?? error);
      const id = /External error id#(\d+)/.exec(message)?.[1];
      const external = id === undefined ? undefined : adapter.errorRegistry.consumeError(Number(id));
      const cause = (external as { error?: unknown } | undefined)?.error;
      const detail = cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : takeEnginePanic();
      throw new Error(
        `Schema engine: ${message}${detail ? `\n${detail}` : ""}${logs.length ? `\n${logs.slice(-5).join("\n")}` : ""}`,
        {
          cause: error,
        },
      );
    }
  };
  return {
    run,
    close: async () => {
      engine.free();
      await factory.disposeAll();
    },
  };
}
