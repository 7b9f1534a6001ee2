import { Worker } from "bullmq";
import nodemailer from "nodemailer";
import { env } from "../web/src/server/infra/env";
import { EMAIL_QUEUE } from "../web/src/server/infra/queues";
import { createRedis } from "../web/src/server/infra/redis";
import { sendEmailJob } from "../web/src/server/services/mail/send-email";

/** The Hearth worker: BullMQ processors for background jobs. One process; scale by running more. */
function main() {
  const config = env();
  const connection = createRedis(config.REDIS_URL, { forWorker: true });
  const transport = nodemailer.createTransport(config.SMTP_URL);

  const emailWorker = new Worker(EMAIL_QUEUE, (job) => sendEmailJob(transport, config.MAIL_FROM, job.data), {
    connection,
    concurrency: 4,
  });
  emailWorker.on("completed", (job, result: { messageId: string }) => console.log(`[worker] email ${job.name} ${job.id} sent (${result.messageId})`));
  emailWorker.on("failed", (job, error) => console.error(`[worker] email ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
  console.log(`[worker] listening on queue "${EMAIL_QUEUE}"`);

  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing current jobs`);
    await emailWorker.close();
    transport.close();
    connection.disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
