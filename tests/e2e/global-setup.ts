import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import { e2eEnv } from "./e2e-env";

/** A fresh, migrated test database and empty Redis database before the journeys (and before the servers start). */
export default async function globalSetup() {
  const env = e2eEnv();
  execFileSync("node", ["--import", "tsx", "scripts/db/migrate.ts", "reset"], { stdio: "inherit", env: { ...process.env, ...env } });
  const redis = new Redis(env.REDIS_URL!);
  await redis.flushdb();
  redis.disconnect();
}
