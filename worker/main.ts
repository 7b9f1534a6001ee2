import { Queue, Worker } from "bullmq";
import nodemailer from "nodemailer";
import { env } from "../web/src/server/infra/env";
import { createDeps } from "../web/src/server/infra/deps";
import { CALLS_QUEUE, DATA_EXPORT_QUEUE, DIGEST_QUEUE, digestJobSchema, EMAIL_QUEUE, MAINTENANCE_QUEUE, PRESENCE_SWEEP_EVERY_MS, PUSH_QUEUE, ringTimeoutJobSchema } from "../web/src/server/infra/queues";
import { expireRingingCall } from "../web/src/server/services/calls/call-actions";
import { sweepCalls } from "../web/src/server/services/calls/sweep-calls";
import { sendPushJob } from "../web/src/server/services/push/send-push";
import { sendUnreadDigest } from "../web/src/server/services/notifications/unread-digest";
import { sweepExpiredPresence } from "../web/src/server/services/presence/presence";
import { endAbandonedSessions, pruneWebhookDeliveries } from "../web/src/server/services/rooms/jitsi-events-sweep";
import { createRedis } from "../web/src/server/infra/redis";
import { sendEmailJob } from "../web/src/server/services/mail/send-email";
import { sweepUnclaimedUploads } from "../web/src/server/services/chat/attachments";
import { dataExportProcessor, sweepExpiredExports } from "../web/src/server/services/privacy/data-export";
import { purgeDueAccounts } from "../web/src/server/services/accounts/account-deletion";

/** The Hearth worker: BullMQ processors for background jobs. One process; scale by running more. */
async function main() {
  const config = env();
  const connection = createRedis(config.REDIS_URL, { forWorker: true });
  const deps = createDeps(config);
  const { redis, db } = deps;
  const transport = nodemailer.createTransport(config.SMTP_URL);

  const emailWorker = new Worker(EMAIL_QUEUE, (job) => sendEmailJob(transport, config.MAIL_FROM, job.data), {
    connection,
    concurrency: 4,
  });
  emailWorker.on("completed", (job, result: { messageId: string }) => console.log(`[worker] email ${job.name} ${job.id} sent (${result.messageId})`));
  emailWorker.on("failed", (job, error) => console.error(`[worker] email ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));

  // Connections whose heartbeats stopped (a crashed web process) go offline within a sweep interval.
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection });
  await maintenance.upsertJobScheduler("presence-sweep", { every: PRESENCE_SWEEP_EVERY_MS }, { name: "presence-sweep" });
  // The same tick ends calls whose ring timer was lost or whose browsers all went away.
  const maintenanceWorker = new Worker(
    MAINTENANCE_QUEUE,
    async () => {
      await sweepExpiredPresence({ db, redis });
      await sweepCalls(deps);
      await pruneWebhookDeliveries(deps);
      await endAbandonedSessions(deps);
      await sweepUnclaimedUploads(deps);
      await sweepExpiredExports(deps);
      await purgeDueAccounts(deps);
    },
    { connection, concurrency: 1 },
  );
  maintenanceWorker.on("failed", (job, error) => console.error(`[worker] ${job?.name} failed: ${error.message}`));

  const digestWorker = new Worker(DIGEST_QUEUE, (job) => sendUnreadDigest(deps, digestJobSchema.parse(job.data).userId), { connection, concurrency: 2 });
  digestWorker.on("failed", (job, error) => console.error(`[worker] unread digest ${job?.id} failed: ${error.message}`));

  const pushWorker = new Worker(PUSH_QUEUE, (job) => sendPushJob(deps, job.data), { connection, concurrency: 4 });
  pushWorker.on("failed", (job, error) => console.error(`[worker] push ${job?.id} failed: ${error.message}`));

  const callsWorker = new Worker(CALLS_QUEUE, (job) => expireRingingCall(deps, ringTimeoutJobSchema.parse(job.data).callId), { connection, concurrency: 4 });
  callsWorker.on("failed", (job, error) => console.error(`[worker] call timer ${job?.id} failed: ${error.message}`));

  const exportWorker = new Worker(DATA_EXPORT_QUEUE, dataExportProcessor(deps), { connection, concurrency: 1 });
  exportWorker.on("failed", (job, error) => console.error(`[worker] data export ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));

  console.log(`[worker] listening on queue "${EMAIL_QUEUE}"`);

  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing current jobs`);
    await Promise.all([emailWorker.close(), maintenanceWorker.close(), digestWorker.close(), pushWorker.close(), callsWorker.close(), exportWorker.close(), maintenance.close()]);
    await db.$disconnect();
    redis.disconnect();
    transport.close();
    connection.disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
