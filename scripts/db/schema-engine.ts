// Wiring of Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the build that
// matches prisma 7.10.0) to PostgreSQL through @prisma/adapter-pg. Used by scripts/db/migrate.ts.
//
// Prisma's CLI (7.10) only drives the native schema-engine binary, which it downloads on first use; this
// module lets us create and apply migrations offline with the very same engine code.
//
// Work-arounds for the adapter (each measured on this machine):
//  - the WASM module is an ES-module WebAssembly import that Node 20 cannot load without a flag, so we
//    instantiate it by hand;
//  - the engine expects an "error-capturing" adapter factory: bindMigrationAwareSqlAdapterFactory wraps it;
//  - @prisma/adapter-pg refuses PostgreSQL's one-byte "char" type (OID 18), which the engine's catalog
//    queries return (relkind, contype, ...): we report such columns as text (pg already gives a string);
//  - adapter-pg's executeScript splits scripts on every ";" (wrong for strings and function bodies, and
//    not atomic): we send the script as one simple-protocol query, like the native engine does, so
//    PostgreSQL runs a migration as one implicit transaction;
//  - adapter-pg's own connectToShadowDb connects to the main database when configured with a connection
//    string (the string wins over its `database` field) and drops the shadow database before closing
//    its pool (which fails): we create, connect and drop the shadow database ourselves.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm";

export type { SchemaEngine, MigrationList, SchemasContainer, DiffTarget };

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char"
const TEXT_OID = 25;

// --- Loading the WASM module ------------------------------------------------------------------------

interface PanicRegistry {
  message: string;
  get(): string;
  set_message(value: string): void;
}

declare global {
  // Written by the engine's panic hook; without it a panic only says "unreachable".
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

type EngineClass = typeof SchemaEngine;
let engineClass: Promise<EngineClass> | undefined;

function loadEngineClass(): Promise<EngineClass> {
  engineClass ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: "",
      get() {
        return this.message;
      },
      set_message(value: string) {
        this.message = `RuntimeError: ${value}`;
      },
    };
    // The glue module the .wasm imports from ("./schema_engine_bg.js"); it also exports SchemaEngine.
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WebAssembly.ModuleImports & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
      SchemaEngine: EngineClass;
    };
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg.SchemaEngine;
  })();
  return engineClass;
}

/** Turns what the engine throws (often a JSON string or a bare "unreachable") into a readable Error. */
export function engineError(error: unknown): Error {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.get();
  if (panic) return new Error(`schema engine panicked: ${panic}`);
  if (error instanceof Error) return error;
  if (typeof error === "string") {
    try {
      const parsed = JSON.parse(error) as { message?: string; error_code?: string };
      if (parsed.message)
        return new Error(parsed.error_code ? `${parsed.error_code}: ${parsed.message}` : parsed.message);
    } catch {
      // not JSON
    }
    return new Error(error);
  }
  if (error && typeof error === "object" && "message" in error) return new Error(String(error.message));
  return new Error(String(error));
}

// --- Adapter ----------------------------------------------------------------------------------------

interface QueryResultLike {
  fields: { dataTypeID: number }[];
}
interface Queryable {
  performIO(query: unknown): Promise<QueryResultLike>;
  startTransaction?(isolationLevel?: string): Promise<Queryable>;
  executeScript?(script: string): Promise<void>;
  onError(error: unknown): never;
}

/** Patches an adapter-pg adapter (or transaction) so that "char" columns come back as text. */
function patchCharColumns<T>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  if (q.startTransaction) {
    const startTransaction = q.startTransaction.bind(q);
    q.startTransaction = async (isolationLevel) => patchCharColumns(await startTransaction(isolationLevel));
  }
  return queryable;
}

/** Runs a whole script as one simple-protocol query (one implicit transaction, no naive ";" split). */
function patchExecuteScript<T>(adapter: T, pool: pg.Pool): T {
  const a = adapter as unknown as Queryable;
  a.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drops a database, closing other sessions on it when the server supports it (PostgreSQL 13+). */
export async function dropDatabase(client: pg.Pool | pg.Client, database: string): Promise<void> {
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42601") throw error; // syntax error: PostgreSQL < 13
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
  }
}

/**
 * A migration-aware adapter factory for the engine: connect() gives the main database, connectToShadowDb()
 * a freshly created database on the same server, dropped when the engine disposes it.
 */
class HearthPgFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly shadowDatabases = new Set<string>();

  constructor(private readonly url: string) {}

  private async open(url: string, onDispose?: () => Promise<void>) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on("error", () => {}); // idle-client errors surface on the next query
    const adapter = await new PrismaPg(pool).connect();
    patchExecuteScript(patchCharColumns(adapter), pool);
    adapter.dispose = async () => {
      await pool.end();
      await onDispose?.();
    };
    return adapter;
  }

  connect() {
    return this.open(this.url);
  }

  async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.admin((client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
    this.shadowDatabases.add(database);
    return this.open(withDatabase(this.url, database), () => this.dropShadow(database));
  }

  async dropShadow(database: string): Promise<void> {
    await this.admin((client) => dropDatabase(client, database));
    this.shadowDatabases.delete(database);
  }

  private async admin<R>(fn: (client: pg.Client) => Promise<R>): Promise<R> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}

// --- Engine -----------------------------------------------------------------------------------------

export interface Engine {
  engine: SchemaEngine;
  /** Drops any shadow database the engine left behind and frees the engine. */
  close(): Promise<void>;
}

/**
 * Starts a schema engine on `databaseUrl` (it connects at once). Commands that need a shadow database
 * (diffing from migrations, createMigration) get a temporary one on the same server.
 */
export async function startEngine(databaseUrl: string, schema?: SchemasContainer): Promise<Engine> {
  const SchemaEngineClass = await loadEngineClass();
  const factory = new HearthPgFactory(databaseUrl);
  const log = process.env.DEBUG_SCHEMA_ENGINE ? (line: string) => process.stderr.write(`${line}\n`) : () => {};
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: schema?.files.map((f): [string, string] => [f.path, f.content]) },
      log,
      bindMigrationAwareSqlAdapterFactory(factory as never),
    );
  } catch (error) {
    throw engineError(error);
  }
  return {
    engine,
    async close() {
      for (const database of [...factory.shadowDatabases]) await factory.dropShadow(database).catch(() => {});
      engine.free();
    },
  };
}

/** Calls an engine method, converting what it throws into a readable Error. */
export async function call<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (error) {
    throw engineError(error);
  }
}

// --- Reading schema and migrations from disk ----------------------------------------------------------

export async function readSchema(schemaPath: string): Promise<SchemasContainer> {
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
}

/** The migrations directory as the engine wants it (what Prisma's CLI builds in listMigrations). */
export async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const { readdir } = await import("node:fs/promises");
  const baseDir = path.resolve(migrationsDir);
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(path.join(baseDir, lockPath), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
