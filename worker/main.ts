import nodemailer from "nodemailer";
import { createDeps } from "../web/src/server/infra/deps";
import { env } from "../web/src/server/infra/env";
import { createRedis } from "../web/src/server/infra/redis";
import { JOBS } from "./jobs";
import { consoleLog, runJobs } from "./runner";
import { postgresService, redisService, waitForServices } from "./wait-for-services";

/** The Hearth worker: runs every job in jobs.ts. One process; scale by running more. */
async function main() {
  const config = env();
  await waitForServices([postgresService(config.DATABASE_URL), redisService(config.REDIS_URL)], {
    waitSeconds: config.WORKER_STARTUP_WAIT_SECONDS,
    log: consoleLog,
  });

  const connection = createRedis(config.REDIS_URL, { forWorker: true });
  const deps = createDeps(config);
  const transport = nodemailer.createTransport(config.SMTP_URL);
  const running = await runJobs(JOBS, { deps, transport }, { connection, env: config });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLog.info(`${signal}: finishing current jobs`);
    await running.close();
    await deps.db.$disconnect();
    deps.redis.disconnect();
    transport.close();
    connection.disconnect();
    consoleLog.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
