import type { Transporter } from "nodemailer";
import { z } from "zod";
import type { Deps } from "../web/src/server/infra/deps";
import type { Env } from "../web/src/server/infra/env";
import {
  CALLS_QUEUE,
  DATA_EXPORT_QUEUE,
  dataExportJobSchema,
  DIGEST_QUEUE,
  digestJobSchema,
  EMAIL_QUEUE,
  emailJobSchema,
  PUSH_QUEUE,
  pushJobSchema,
  ringTimeoutJobSchema,
} from "../web/src/server/infra/queues";
import { purgeDueAccounts } from "../web/src/server/services/accounts/account-deletion";
import { expireRingingCall } from "../web/src/server/services/calls/call-actions";
import { sweepCalls } from "../web/src/server/services/calls/sweep-calls";
import { sweepUnclaimedUploads } from "../web/src/server/services/chat/attachments";
import { sendEmailJob } from "../web/src/server/services/mail/send-email";
import { sendUnreadDigest } from "../web/src/server/services/notifications/unread-digest";
import { sweepExpiredPresence } from "../web/src/server/services/presence/presence";
import { buildDataExport, sweepExpiredExports } from "../web/src/server/services/privacy/data-export";
import { sendPushJob } from "../web/src/server/services/push/send-push";
import { endAbandonedSessions, pruneWebhookDeliveries } from "../web/src/server/services/rooms/jitsi-events-sweep";

/** What every handler may use: the shared dependencies and the SMTP transport. */
export interface JobContext {
  deps: Deps;
  transport: Transporter;
}

/** Which try this is, for handlers that do something different on the last one. */
export interface JobAttempt {
  /** 1 on the first try. */
  number: number;
  /** The job's allowed tries (BullMQ's `attempts`, 1 when unset). */
  of: number;
}

export interface JobSpec<S extends z.ZodType = z.ZodType> {
  queue: string;
  /** The job's data is parsed with this before the handler runs; data that does not fit fails the job for good. */
  schema: S;
  handle(context: JobContext, data: z.output<S>, attempt: JobAttempt): Promise<unknown>;
  concurrency: number;
  /** A periodic job: the worker schedules it itself, every this many milliseconds. */
  everyMs?: (env: Env) => number;
  /** The line logged when a job completes (by default nothing is logged for a success). */
  describeResult?: (result: unknown) => string;
}

const job = <S extends z.ZodType>(spec: JobSpec<S>): JobSpec => spec;

const sweepEveryMs = (env: Env) => env.SWEEP_EVERY_SECONDS * 1000;
const noData = z.object({}).strict();

/**
 * A periodic sweep, on its own queue with its own schedule: one that throws (and is retried at its next run) never
 * keeps the others from running.
 */
const sweep = (queue: string, run: (deps: Deps) => Promise<unknown>): JobSpec =>
  job({ queue, schema: noData, concurrency: 1, everyMs: sweepEveryMs, handle: ({ deps }) => run(deps) });

/** Every job the worker runs. The web app enqueues the non-periodic ones (web/src/server/infra/queues.ts). */
export const JOBS: readonly JobSpec[] = [
  job({
    queue: EMAIL_QUEUE,
    schema: emailJobSchema,
    concurrency: 4,
    handle: ({ deps, transport }, data) => sendEmailJob(transport, deps.env.MAIL_FROM, data),
    describeResult: (result) => `sent (${(result as { messageId: string }).messageId})`,
  }),
  job({
    queue: DIGEST_QUEUE,
    schema: digestJobSchema,
    concurrency: 2,
    handle: ({ deps }, data) => sendUnreadDigest(deps, data.userId),
  }),
  job({
    queue: PUSH_QUEUE,
    schema: pushJobSchema,
    concurrency: 4,
    handle: ({ deps }, data) => sendPushJob(deps, data),
  }),
  job({
    queue: CALLS_QUEUE,
    schema: ringTimeoutJobSchema,
    concurrency: 4,
    handle: ({ deps }, data) => expireRingingCall(deps, data.callId),
  }),
  job({
    queue: DATA_EXPORT_QUEUE,
    schema: dataExportJobSchema,
    concurrency: 1,
    handle: ({ deps }, data, attempt) =>
      buildDataExport(deps, data.exportId, { finalAttempt: attempt.number >= attempt.of }),
  }),
  // Connections whose heartbeats stopped (a crashed web process) go offline within a sweep interval.
  sweep("sweep-presence", (deps) => sweepExpiredPresence(deps)),
  // Calls whose ring timer was lost or whose browsers all went away.
  sweep("sweep-calls", sweepCalls),
  sweep("sweep-webhook-deliveries", pruneWebhookDeliveries),
  sweep("sweep-abandoned-rooms", endAbandonedSessions),
  sweep("sweep-unclaimed-uploads", sweepUnclaimedUploads),
  sweep("sweep-expired-exports", sweepExpiredExports),
  sweep("sweep-deleted-accounts", purgeDueAccounts),
];
