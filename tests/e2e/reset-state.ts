import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import { e2eEnv } from "./e2e-env";

/**
 * A fresh, migrated test database and an empty Redis database, run as the first step of the app server's command.
 * Not a Playwright globalSetup: Playwright starts the web servers before globalSetup, so a reset there would pull the
 * tables from under a running worker and flush the sweep schedules it had just written to Redis.
 */
const env = e2eEnv();
execFileSync("node", ["--import", "tsx", "scripts/db/migrate.ts", "reset"], {
  stdio: "inherit",
  env: { ...process.env, ...env },
});
const redis = new Redis(env.REDIS_URL!);
await redis.flushdb();
redis.disconnect();
