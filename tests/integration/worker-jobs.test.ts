import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { Queue } from "bullmq";
import nodemailer from "nodemailer";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createRedis } from "@/server/infra/redis";
import { CALLS_QUEUE, EMAIL_QUEUE } from "@/server/infra/queues";
import { testDeps, unique } from "../helpers/deps";
import { messagesTo } from "../helpers/mail-sink";
import { JOBS, type JobSpec } from "../../worker/jobs";
import { runJobs, type RunningJobs, type WorkerLog } from "../../worker/runner";

const ROOT = path.resolve(import.meta.dirname, "../..");
const deps = testDeps();
const connection = createRedis(process.env.REDIS_URL!, { forWorker: true });
const transport = nodemailer.createTransport(process.env.SMTP_URL);
const context = { deps, transport };

/** Collects what the runner logs, so a test can wait for a line. */
function recordingLog(): WorkerLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line) };
}

// Each test runs its workers under its own BullMQ prefix: they see only the jobs that test adds.
const opened: { running: RunningJobs; queues: Queue[] }[] = [];
async function start(table: readonly JobSpec[], log = recordingLog()) {
  const prefix = unique("bull-test-");
  const running = await runJobs(table, context, { connection, env: deps.env, prefix, log });
  const queues: Queue[] = [];
  opened.push({ running, queues });
  const queue = (name: string) => {
    const q = new Queue(name, { connection, prefix });
    queues.push(q);
    return q;
  };
  return { running, queue, log };
}
afterEach(async () => {
  for (const { running, queues } of opened.splice(0)) {
    await running.close();
    await Promise.all(queues.map((q) => q.close()));
  }
});
afterAll(() => {
  connection.disconnect();
  transport.close();
});

describe("the worker's job table", () => {
  it("names each queue once, and every periodic sweep has a queue of its own", () => {
    const queues = JOBS.map((spec) => spec.queue);
    expect(new Set(queues).size).toBe(queues.length);
    const sweeps = JOBS.filter((spec) => spec.everyMs);
    expect(sweeps.map((spec) => spec.queue)).toEqual(
      expect.arrayContaining([
        "sweep-presence",
        "sweep-calls",
        "sweep-unclaimed-uploads",
        "sweep-expired-exports",
        "sweep-deleted-accounts",
      ]),
    );
    for (const spec of sweeps) expect(spec.everyMs!(deps.env)).toBe(deps.env.SWEEP_EVERY_SECONDS * 1000);
  });

  it("starts a Worker on every queue in the table, schedules each sweep, and logs each queue it listens on", async () => {
    const { queue, log } = await start(JOBS);
    for (const spec of JOBS) {
      const q = queue(spec.queue);
      expect(await q.getWorkersCount(), spec.queue).toBe(1);
      const schedulers = await q.getJobSchedulers();
      if (spec.everyMs)
        expect(
          schedulers.map((s) => [s.key, s.every]),
          spec.queue,
        ).toEqual([[spec.queue, deps.env.SWEEP_EVERY_SECONDS * 1000]]);
      else expect(schedulers, spec.queue).toEqual([]);
      expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^listening on queue "${spec.queue}"`)));
    }
  });

  it("keeps running the other sweeps while one of them throws at every run", async () => {
    let failing = 0;
    let healthy = 0;
    const table = [
      {
        queue: "sweep-broken",
        schema: z.object({}),
        concurrency: 1,
        everyMs: () => 50,
        handle: async () => void (failing++, await Promise.reject(new Error("the broken sweep failed"))),
      },
      {
        queue: "sweep-healthy",
        schema: z.object({}),
        concurrency: 1,
        everyMs: () => 50,
        handle: async () => void healthy++,
      },
    ] satisfies JobSpec[];
    const { log } = await start(table);
    await vi.waitFor(
      () => {
        expect(failing).toBeGreaterThanOrEqual(3);
        expect(healthy).toBeGreaterThanOrEqual(3);
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^sweep-broken sweep-broken \S+ failed \(attempt 1\): the broken sweep failed$/),
    );
    expect(log.lines.filter((line) => line.startsWith("sweep-healthy") && line.includes("failed"))).toEqual([]);
  });

  it.each([
    [CALLS_QUEUE, { callId: 42 }, /invalid data for queue "calls": .*callId/],
    [
      EMAIL_QUEUE,
      { template: "verify-email", to: "SENTINEL", displayName: "Ada" },
      /invalid data for queue "email": .*url/,
    ],
  ])(
    "fails a %s job whose data does not fit its schema, once and with the reason, and goes on with the next",
    async (name, data, reason) => {
      const to = `${unique("worker_")}@example.test`;
      const { queue, log } = await start(JOBS.filter((spec) => spec.queue === name));
      const q = queue(name);
      const invalid = await q.add("invalid", JSON.parse(JSON.stringify(data).replace("SENTINEL", to)), { attempts: 3 });
      await vi.waitFor(async () => expect(await invalid.getState()).toBe("failed"), { timeout: 10_000, interval: 50 });
      const failed = await q.getJob(invalid.id!);
      expect(failed?.failedReason).toMatch(reason);
      // A retry cannot fix bad data: the job failed for good on its first attempt.
      expect(failed?.attemptsMade).toBe(1);
      expect(log.lines).toContainEqual(expect.stringMatching(reason));

      const valid =
        name === CALLS_QUEUE
          ? { callId: unique("no-such-call-") }
          : { template: "password-changed", to, displayName: "Ada" };
      const next = await q.add("valid", valid);
      await vi.waitFor(async () => expect(await next.getState()).toBe("completed"), { timeout: 10_000, interval: 50 });
      if (name === EMAIL_QUEUE)
        expect((await messagesTo(to)).map((m) => m.subject)).toEqual(["Your Hearth password was changed"]);
    },
  );
});

/** The real entry point, worker/main.ts, as its own process; `output` gathers stdout and stderr. */
function startWorkerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  const proc = {
    child,
    output: "",
    exit: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code))),
  };
  child.stdout.on("data", (chunk: Buffer) => (proc.output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (proc.output += chunk.toString()));
  return proc;
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP proxy on `port` to the real PostgreSQL: the database "comes up" when this starts listening. */
async function proxyTo(port: number, target: { host: string; port: number }): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

describe("worker start-up", () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  const servers: net.Server[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it("waits for a database that comes up late, then listens on every queue, and stops cleanly on SIGTERM", async () => {
    const real = new URL(process.env.DATABASE_URL!);
    const port = await freePort();
    const late = new URL(real);
    late.port = String(port);
    const worker = startWorkerProcess({ DATABASE_URL: late.toString(), WORKER_STARTUP_WAIT_SECONDS: "60" });
    children.push(worker.child);

    await vi.waitFor(() => expect(worker.output).toContain(`waiting for PostgreSQL at 127.0.0.1:${port}`), {
      timeout: 30_000,
      interval: 100,
    });
    expect(worker.output).not.toContain("listening on queue");
    expect(worker.output).not.toContain(real.password);
    servers.push(await proxyTo(port, { host: real.hostname, port: Number(real.port) }));

    await vi.waitFor(() => expect(worker.output).toMatch(new RegExp(`PostgreSQL at 127\\.0\\.0\\.1:${port} is up`)), {
      timeout: 30_000,
      interval: 100,
    });
    await vi.waitFor(
      () => {
        for (const spec of JOBS) expect(worker.output).toContain(`listening on queue "${spec.queue}"`);
      },
      { timeout: 30_000, interval: 100 },
    );

    worker.child.kill("SIGTERM");
    expect(await worker.exit).toBe(0);
    expect(worker.output).toContain("SIGTERM: finishing current jobs");
    expect(worker.output).toContain("[worker] stopped");
  }, 90_000);

  it("gives up with the reason when the database never answers within WORKER_STARTUP_WAIT_SECONDS", async () => {
    const never = new URL(process.env.DATABASE_URL!);
    never.port = String(await freePort());
    const worker = startWorkerProcess({ DATABASE_URL: never.toString(), WORKER_STARTUP_WAIT_SECONDS: "1" });
    children.push(worker.child);
    expect(await worker.exit).toBe(1);
    expect(worker.output).toMatch(
      new RegExp(
        `PostgreSQL at 127\\.0\\.0\\.1:${never.port} did not answer within 1 s \\(\\d+ attempts\\): .*ECONNREFUSED`,
      ),
    );
    expect(worker.output).not.toContain("listening on queue");
  }, 60_000);
});
