import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { EventSource } from "eventsource";
import { Redis } from "ioredis";

/** Shared by the benchmarks: percentiles, the raw Redis baseline, SSE listeners, process memory. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
export const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1]! };
}

export const summary = (samples: number[]) => {
  const p = percentiles(samples);
  return `p50 ${fmt(p.p50)}  p99 ${fmt(p.p99)}  max ${fmt(p.max)}`;
};

/** The floor any event path sits on: one PUBLISH reaching one SUBSCRIBEr on the same Redis. */
export async function rawRedisLatency(samples: number): Promise<number[]> {
  const publisher = new Redis(process.env.REDIS_URL!);
  const subscriber = new Redis(process.env.REDIS_URL!);
  const channel = `bench:raw:${randomBytes(4).toString("hex")}`;
  await subscriber.subscribe(channel);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const got = new Promise<void>((resolve) => subscriber.once("message", () => resolve()));
    const start = performance.now();
    await publisher.publish(channel, JSON.stringify({ i, body: "x".repeat(100) }));
    await got;
    latencies.push(performance.now() - start);
  }
  publisher.disconnect();
  subscriber.disconnect();
  return latencies;
}

/** Opens one user's event stream on the bench server (test-double auth header); `onEvent` gets each event's JSON. */
export function openEventStream(
  serverUrl: string,
  userId: string,
  onEvent: (event: Record<string, unknown>) => void,
  onOpen: () => void,
): EventSource {
  const source = new EventSource(`${serverUrl}/events.stream`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, "x-test-user-id": userId } }),
  });
  source.addEventListener("open", onOpen);
  source.addEventListener("message", (event) => {
    const data = JSON.parse(event.data as string) as { json?: Record<string, unknown> };
    if (data.json) onEvent(data.json);
  });
  return source;
}

/** Runs a benchmark's main, then closes its database and Redis connections and exits (non-zero on error). */
export function runBench(
  main: () => Promise<void>,
  deps: { db: { $disconnect(): Promise<void> }; redis: { disconnect(): void } },
): void {
  main()
    .then(async () => {
      await deps.db.$disconnect();
      deps.redis.disconnect();
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
