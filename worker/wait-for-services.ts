import { Redis } from "ioredis";
import pg from "pg";
import type { WorkerLog } from "./runner";

export interface Service {
  name: string;
  /** Resolves once the service answers; rejects with why it did not. */
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 5000;

/** Where a URL points, without its credentials (safe to log). */
const hostOf = (url: string) => {
  const { hostname, port } = new URL(url);
  return port ? `${hostname}:${port}` : hostname;
};

export function postgresService(url: string): Service {
  return {
    name: `PostgreSQL at ${hostOf(url)}`,
    async check() {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS });
      client.on("error", () => undefined);
      try {
        await client.connect();
        await client.query("SELECT 1");
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

export function redisService(url: string): Service {
  return {
    name: `Redis at ${hostOf(url)}`,
    async check() {
      // One try per check: no reconnecting, no offline queue (the retries happen in waitForServices).
      const client = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        enableOfflineQueue: false,
        connectTimeout: CHECK_TIMEOUT_MS,
      });
      client.on("error", () => undefined);
      try {
        await client.connect();
        await client.ping();
      } finally {
        client.disconnect();
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reason = (error: unknown) =>
  (error instanceof Error ? error.message || error.name : String(error)).split("\n")[0];

/**
 * Waits until each service answers, trying again with a growing pause (up to 2 s) for at most `waitSeconds`. The
 * first failure of each service is logged once, then its recovery; past the deadline it throws with the last reason.
 */
export async function waitForServices(
  services: Service[],
  options: { waitSeconds: number; log: WorkerLog },
): Promise<void> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  for (const service of services) {
    let pause = 250;
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        await service.check();
        if (attempts > 1) options.log.info(`${service.name} is up (after ${attempts} attempts)`);
        break;
      } catch (error) {
        if (Date.now() + pause > deadline)
          throw new Error(
            `${service.name} did not answer within ${options.waitSeconds} s (${attempts} attempts): ${reason(error)}`,
          );
        if (attempts === 1)
          options.log.info(
            `waiting for ${service.name} (${reason(error)}); retrying for up to ${options.waitSeconds} s`,
          );
        await sleep(pause);
        pause = Math.min(pause * 2, 2000);
      }
    }
  }
}
