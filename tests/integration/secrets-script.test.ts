import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/server/infra/env";
import { checkJitsiConfig, parseDotenv } from "@/server/services/rooms/jitsi-config-check";

/** scripts/secrets.sh, run for real in a copy of the files it reads, as a newcomer on Docker would run it. */
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let dir = "";
const read = async (file: string) => parseDotenv(await readFile(path.join(dir, file), "utf8"));
const secrets = (...args: string[]) =>
  run("bash", ["scripts/secrets.sh", ...args], { cwd: dir, encoding: "utf8" }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hearth-secrets-"));
  for (const sub of ["scripts/stack", "docker", "jitsi"]) await mkdir(path.join(dir, sub), { recursive: true });
  for (const file of [
    ".env.example",
    "scripts/secrets.sh",
    "scripts/stack/ports.sh",
    "scripts/stack/ports.env",
    "jitsi/jitsi.env",
  ])
    await cp(path.join(ROOT, file), path.join(dir, file));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("scripts/secrets.sh", () => {
  it("makes an environment the app accepts in production, private files, and secrets Jitsi agrees with", async () => {
    const result = await secrets("--admin", "ops@hearth-family.org");
    expect(result.code).toBe(0);
    const app = await read(".env");
    // The production checks pass: nothing published, nothing placeholder-like (http://localhost is a local trial).
    expect(() => parseEnv({ ...app, NODE_ENV: "production", JITSI_DOMAIN: "localhost:8443" })).not.toThrow();
    expect(app.ADMIN_EMAILS).toBe("ops@hearth-family.org");
    for (const file of [".env", "docker/.env", "jitsi/jitsi.secrets.env"])
      expect((await stat(path.join(dir, file))).mode & 0o777).toBe(0o600);

    // Compose gives Postgres, Redis and MinIO what the app's URLs and keys say.
    const compose = await read("docker/.env");
    expect(app.DATABASE_URL).toContain(`:${compose.POSTGRES_PASSWORD}@`);
    expect(app.REDIS_URL).toContain(`:${compose.REDIS_PASSWORD}@`);
    expect([app.S3_ACCESS_KEY_ID, app.S3_SECRET_ACCESS_KEY]).toEqual([
      compose.S3_ACCESS_KEY_ID,
      compose.S3_SECRET_ACCESS_KEY,
    ]);

    // Jitsi's side, over jitsi.env as compose layers it, agrees with the app (npm run jitsi:check's rules).
    const jitsi = { ...(await read("jitsi/jitsi.env")), ...(await read("jitsi/jitsi.secrets.env")) };
    expect(checkJitsiConfig({ ...app, JITSI_DOMAIN: "localhost:8443" }, jitsi)).toMatchObject({
      enabled: true,
      problems: [],
    });
    expect(jitsi.JICOFO_AUTH_PASSWORD).not.toMatch(/change-me/);
  });

  it("keeps existing secrets unless --force, and --force makes new ones", async () => {
    const before = await read(".env");
    const again = await secrets();
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(".env exists");
    expect((await read(".env")).AUTH_SECRET).toBe(before.AUTH_SECRET);
    expect((await secrets("--force")).code).toBe(0);
    expect((await read(".env")).AUTH_SECRET).not.toBe(before.AUTH_SECRET);
  });
});
