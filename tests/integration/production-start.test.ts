import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "@/server/services/rooms/jitsi-config-check";

/** The real entry points, started as production with the published .env.example: both stop before doing anything. */
const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

async function start(entry: string) {
  const example = parseDotenv(await readFile(path.join(ROOT, ".env.example"), "utf8"));
  const env = { ...example, PATH: process.env.PATH ?? "", NODE_ENV: "production" as const, PORT: "3999" };
  return run(process.execPath, ["--import", "tsx", entry], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 }).then(
    () => ({ code: 0, stderr: "" }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe("production start-up with the published development values", () => {
  it.each(["web/server.ts", "worker/main.ts"])(
    "%s refuses to start and names each bad setting",
    async (entry) => {
      const { code, stderr } = await start(entry);
      expect(code).toBe(1);
      for (const setting of [
        "AUTH_SECRET is the published development value",
        "TURN_SECRET is the published development value",
        "S3_SECRET_ACCESS_KEY is the published development value",
        "DATABASE_URL uses the published development password",
        "REDIS_URL has no password",
        "ADMIN_EMAILS holds example addresses",
      ]) {
        expect(stderr).toContain(setting);
      }
      expect(stderr).toContain("openssl rand -base64 32");
    },
    90_000,
  );
});
