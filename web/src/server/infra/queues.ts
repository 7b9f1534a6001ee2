import "server-only";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

/** Queue names and job payload schemas shared by the web app (producer) and the worker (consumer, worker/jobs.ts). */
export const EMAIL_QUEUE = "email";

export const emailJobSchema = z.discriminatedUnion("template", [
  z.object({ template: z.literal("verify-email"), to: z.email(), displayName: z.string(), url: z.url() }),
  z.object({ template: z.literal("reset-password"), to: z.email(), displayName: z.string(), url: z.url() }),
  z.object({ template: z.literal("password-changed"), to: z.email(), displayName: z.string() }),
  z.object({
    template: z.literal("account-exists"),
    to: z.email(),
    displayName: z.string(),
    url: z.url(),
    resetUrl: z.url(),
  }),
  z.object({
    template: z.literal("data-export-ready"),
    to: z.email(),
    displayName: z.string(),
    url: z.url(),
    expiresOn: z.string().min(1).max(60),
  }),
  z.object({
    template: z.literal("account-deletion-scheduled"),
    to: z.email(),
    displayName: z.string(),
    url: z.url(),
    deleteOn: z.string().min(1).max(60),
  }),
  z.object({ template: z.literal("account-deleted"), to: z.email(), displayName: z.string() }),
  z.object({
    template: z.literal("unread-messages"),
    to: z.email(),
    displayName: z.string(),
    url: z.url(),
    lines: z.array(z.string()).min(1).max(20),
  }),
]);
export type EmailJob = z.infer<typeof emailJobSchema>;

/** Unread-message emails: one delayed job per user batches everything that arrives meanwhile. */
export const DIGEST_QUEUE = "unread-digest";
export const digestJobSchema = z.object({ userId: z.string().min(1) });

/** Web Push deliveries: one job per notification, sent to each of the user's subscribed browsers. */
export const PUSH_QUEUE = "push";
export const pushJobSchema = z.object({
  userId: z.string().min(1),
  title: z.string().max(120),
  body: z.string().max(300),
  url: z.string().startsWith("/"),
  tag: z.string().max(120).optional(),
});
export type PushJob = z.infer<typeof pushJobSchema>;

export interface PushQueue {
  enqueue(job: PushJob): Promise<void>;
}

export function createPushQueue(connection: Redis): PushQueue {
  const queue = new Queue(PUSH_QUEUE, {
    connection,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 5000 },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    },
  });
  return {
    async enqueue(job) {
      await queue.add("push", pushJobSchema.parse(job));
    },
  };
}

/** Call timers: a ringing call that nobody answers becomes missed. */
export const CALLS_QUEUE = "calls";
export const ringTimeoutJobSchema = z.object({ callId: z.string().min(1) });

export interface CallTimers {
  /** Ends the call as missed after `delayMs` unless it was answered or ended by then (the job re-checks). */
  scheduleRingTimeout(callId: string, delayMs: number): Promise<void>;
}

export function createCallTimers(connection: Redis): CallTimers {
  const queue = new Queue(CALLS_QUEUE, {
    connection,
    defaultJobOptions: {
      removeOnComplete: true,
      removeOnFail: 1000,
      attempts: 3,
      backoff: { type: "fixed", delay: 1000 },
    },
  });
  return {
    async scheduleRingTimeout(callId, delayMs) {
      await queue.add("ring-timeout", ringTimeoutJobSchema.parse({ callId }), {
        jobId: `ring-${callId}`,
        delay: delayMs,
      });
    },
  };
}

/** "Download my data": one job per requested archive (services/privacy/data-export.ts builds it). */
export const DATA_EXPORT_QUEUE = "data-export";
export const DATA_EXPORT_ATTEMPTS = 3;
export const dataExportJobSchema = z.object({ exportId: z.string().min(1) });

export interface DataExportQueue {
  enqueue(exportId: string): Promise<void>;
}

export function createDataExportQueue(connection: Redis): DataExportQueue {
  const queue = new Queue(DATA_EXPORT_QUEUE, {
    connection,
    defaultJobOptions: {
      attempts: DATA_EXPORT_ATTEMPTS,
      backoff: { type: "exponential", delay: 10_000 },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    },
  });
  return {
    async enqueue(exportId) {
      await queue.add("export", dataExportJobSchema.parse({ exportId }), { jobId: `export-${exportId}` });
    },
  };
}

export interface MailQueue {
  /** jobId makes the send idempotent: the same id is enqueued (and sent) once. BullMQ forbids ":" in it. */
  enqueue(job: EmailJob, jobId: string): Promise<void>;
}

export interface DigestQueue {
  /** Schedules the user's unread-messages email; while one is pending, this is a no-op (that is the batching). */
  schedule(userId: string, delayMs: number): Promise<void>;
}

export function createDigestQueue(connection: Redis): DigestQueue {
  const queue = new Queue(DIGEST_QUEUE, {
    connection,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 3 },
  });
  return {
    async schedule(userId, delayMs) {
      await queue.add("digest", digestJobSchema.parse({ userId }), { jobId: `digest-${userId}`, delay: delayMs });
    },
  };
}

export function createMailQueue(connection: Redis): MailQueue {
  const queue = new Queue(EMAIL_QUEUE, {
    connection,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    },
  });
  return {
    async enqueue(job, jobId) {
      await queue.add(job.template, emailJobSchema.parse(job), { jobId });
    },
  };
}
