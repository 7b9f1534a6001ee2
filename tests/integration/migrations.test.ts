// The offline migration tool (scripts/db/migrate.ts, Prisma's schema engine as WASM):
// - `check` passes on the committed schema + migrations and fails when the schema has a model or a field
//   that no migration creates;
// - `new` writes nothing when there is nothing to do, and writes a migration that makes `check` pass;
// - `deploy` applies every migration to a fresh database, records them in _prisma_migrations like Prisma
//   does, and is idempotent.
// Needs DATABASE_URL: a PostgreSQL server whose user may create databases (shadow and scratch databases are
// created next to it and dropped).
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) throw new Error("tests/integration/migrations.test.ts needs DATABASE_URL (a PostgreSQL server)");

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = path.join(ROOT, "scripts/db/migrate.ts");
const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");
const TIMEOUT = 120_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function migrate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL, ...env }, timeout: TIMEOUT, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const show = (run: Run) => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "hearth-migrations-test-"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A scratch copy of the schema (edited by `edit`) and of the migrations directory. */
async function scratch(name: string, edit: (schema: string) => string = (s) => s) {
  const dir = path.join(work, name);
  const schemaPath = path.join(dir, "schema.prisma");
  const migrationsDir = path.join(dir, "migrations");
  await cp(MIGRATIONS, migrationsDir, { recursive: true });
  await writeFile(schemaPath, edit(await readFile(SCHEMA, "utf8")));
  return { schemaPath, migrationsDir, args: ["--schema", schemaPath, "--migrations", migrationsDir] };
}

const addModel = (schema: string) => `${schema}\nmodel DriftProbe {\n  id    String @id\n  label String\n}\n`;
const addField = (schema: string) => {
  const edited = schema.replace(/^model User \{\n/m, (line) => `${line}  driftProbe String?\n`);
  if (edited === schema) throw new Error("model User not found in schema.prisma");
  return edited;
};

describe("scripts/db/migrate.ts check", () => {
  it("passes on the committed schema and migrations", { timeout: TIMEOUT }, async () => {
    const run = await migrate(["check"]);
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain("agree");
  });

  it("fails when the schema has a model the migrations lack", { timeout: TIMEOUT }, async () => {
    const { args } = await scratch("model", addModel);
    const run = await migrate(["check", ...args]);
    expect(run.code, show(run)).toBe(1);
    expect(run.stderr).toContain("Drift");
    expect(run.stdout).toContain('CREATE TABLE "DriftProbe"');
  });

  it("fails when the schema has a field the migrations lack", { timeout: TIMEOUT }, async () => {
    const { args } = await scratch("field", addField);
    const run = await migrate(["check", ...args]);
    expect(run.code, show(run)).toBe(1);
    expect(run.stdout).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"driftProbe" TEXT/);
  });
});

describe("scripts/db/migrate.ts new", () => {
  it("writes nothing when the migrations are up to date", { timeout: TIMEOUT }, async () => {
    const { args, migrationsDir } = await scratch("new-none");
    const before = await migrationNames(migrationsDir);
    const run = await migrate(["new", "nothing", ...args]);
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain("no changes");
    expect(await migrationNames(migrationsDir)).toEqual(before);
  });

  it("writes the missing migration, after which check passes", { timeout: TIMEOUT }, async () => {
    const { args, migrationsDir } = await scratch("new-model", addModel);
    const before = await migrationNames(migrationsDir);
    const created = await migrate(["new", "drift probe", ...args]);
    expect(created.code, show(created)).toBe(0);
    const added = (await migrationNames(migrationsDir)).filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_drift_probe$/);
    expect(added[0]! > before.at(-1)!).toBe(true);
    const sql = await readFile(path.join(migrationsDir, added[0]!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "DriftProbe"');

    const check = await migrate(["check", ...args]);
    expect(check.code, show(check)).toBe(0);
  });
});

describe("scripts/db/migrate.ts deploy", () => {
  const database = `hearth_migrations_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  const freshUrl = url.toString();
  const admin = new pg.Client({ connectionString: DATABASE_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it(
    "applies every migration to a fresh database, records it like Prisma, and is idempotent",
    { timeout: TIMEOUT },
    async () => {
      const names = await migrationNames(MIGRATIONS);
      expect(names.length).toBeGreaterThan(0);

      const first = await migrate(["deploy"], { DATABASE_URL: freshUrl });
      expect(first.code, show(first)).toBe(0);
      for (const name of names) expect(first.stdout).toContain(name);

      const second = await migrate(["deploy"], { DATABASE_URL: freshUrl });
      expect(second.code, show(second)).toBe(0);
      expect(second.stdout).toContain("no pending migrations");

      const db = new pg.Client({ connectionString: freshUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{
          migration_name: string;
          checksum: string;
          finished_at: Date | null;
          rolled_back_at: Date | null;
          logs: string | null;
          applied_steps_count: number;
        }>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
           FROM _prisma_migrations ORDER BY migration_name`,
        );
        expect(rows.map((r) => r.migration_name)).toEqual(names);
        for (const row of rows) {
          const sql = await readFile(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
          expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
          expect(row.finished_at).toBeInstanceOf(Date);
          expect(row.rolled_back_at).toBeNull();
          expect(row.logs).toBeNull();
          expect(row.applied_steps_count).toBe(1);
        }

        const tables = await db.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
        );
        expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(["User", "_prisma_migrations"]));
        const trgm = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
        expect(trgm.rowCount).toBe(1);
      } finally {
        await db.end();
      }
    },
  );
});
