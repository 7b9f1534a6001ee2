import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import { applyTestEnv } from "./test-env";

/** Once per run: a fresh, fully migrated test database and an empty test Redis database. */
export default async function setup() {
  applyTestEnv();
  execFileSync("npx", ["tsx", "scripts/db/migrate.ts", "reset"], { stdio: "inherit", env: process.env });
  const redis = new Redis(process.env.REDIS_URL!);
  await redis.flushdb();
  redis.disconnect();
}
