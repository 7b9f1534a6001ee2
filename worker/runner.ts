import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import type { Env } from "../web/src/server/infra/env";
import type { JobContext, JobSpec } from "./jobs";

export interface WorkerLog {
  info(line: string): void;
  error(line: string): void;
}

export const consoleLog: WorkerLog = {
  info: (line) => console.log(`[worker] ${line}`),
  error: (line) => console.error(`[worker] ${line}`),
};

export interface RunnerOptions {
  /** A Redis connection made with `forWorker: true` (BullMQ blocks on it). */
  connection: Redis;
  env: Env;
  log?: WorkerLog;
  /** BullMQ's key prefix; tests use their own so their workers see only their jobs. */
  prefix?: string;
}

export interface RunningJobs {
  workers: Worker[];
  /** Stops taking jobs, lets the current ones finish, then closes every queue and worker. */
  close(): Promise<void>;
}

/** Parses a job's data with its schema; data that does not fit fails the job without retries (a retry cannot fix it). */
export function parseJobData<S extends z.ZodType>(spec: JobSpec<S>, data: unknown): z.output<S> {
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success)
    throw new UnrecoverableError(
      `invalid data for queue "${spec.queue}": ${z.prettifyError(parsed.error).replaceAll("\n", "; ")}`,
    );
  return parsed.data;
}

/** One BullMQ Worker per table entry, and a job scheduler for each periodic one. */
export async function runJobs(
  table: readonly JobSpec[],
  context: JobContext,
  options: RunnerOptions,
): Promise<RunningJobs> {
  const { connection, env, prefix } = options;
  const log = options.log ?? consoleLog;
  const workers: Worker[] = [];
  const schedulers: Queue[] = [];
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(schedulers.map((queue) => queue.close()));
  };
  try {
    for (const spec of table) {
      if (spec.everyMs) {
        const queue = new Queue(spec.queue, { connection, prefix });
        schedulers.push(queue);
        await queue.upsertJobScheduler(
          spec.queue,
          { every: spec.everyMs(env) },
          { name: spec.queue, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
        );
      }
      const worker = new Worker(
        spec.queue,
        (job: Job) =>
          spec.handle(context, parseJobData(spec, job.data), {
            number: job.attemptsMade + 1,
            of: job.opts.attempts ?? 1,
          }),
        {
          connection,
          prefix,
          concurrency: spec.concurrency,
        },
      );
      workers.push(worker);
      worker.on("failed", (job, error) =>
        log.error(
          `${spec.queue} ${job?.name ?? "?"} ${job?.id ?? "?"} failed (attempt ${job?.attemptsMade ?? "?"}): ${error.message}`,
        ),
      );
      worker.on("error", (error) => log.error(`${spec.queue}: ${error.message}`));
      const describe = spec.describeResult;
      if (describe)
        worker.on("completed", (job, result) =>
          log.info(`${spec.queue} ${job.name} ${job.id ?? "?"} ${describe(result)}`),
        );
      await worker.waitUntilReady();
      log.info(`listening on queue "${spec.queue}"${spec.everyMs ? ` (every ${spec.everyMs(env) / 1000} s)` : ""}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { workers, close };
}
