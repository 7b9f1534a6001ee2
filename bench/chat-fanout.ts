/**
 * Chat fan-out benchmark (not a test): N clients hold SSE event streams on ONE server process; messages are sent
 * between pairs of them and the time from the sender's `chat.send` call to the receiver's event is measured.
 * Printed beside the raw Redis PUBLISH→SUBSCRIBE latency measured in the same run, plus the server's memory per
 * idle connection.
 *
 *   bash scripts/stack/up.sh && node --import tsx bench/chat-fanout.ts [clients…]   (default: 100 1000)
 *
 * Uses the integration-test database and Redis db (tests/helpers/test-env.ts); everything stays on 127.0.0.1.
 */
import { randomBytes } from "node:crypto";
import type { EventSource } from "eventsource";
import { apiClient, startApiServer } from "../tests/helpers/api-client";
import { applyTestEnv } from "../tests/helpers/test-env";
import { createDeps } from "../web/src/server/infra/deps";
import { parseEnv } from "../web/src/server/infra/env";
import { fmt, openEventStream, percentiles, rawRedisLatency, rssKiB, sleep, runBench } from "./lib";

applyTestEnv();
const SAMPLES = 300;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 1);
const deps = createDeps(parseEnv(process.env));

async function createPairs(count: number) {
  const tag = randomBytes(3).toString("hex");
  const users = Array.from({ length: count }, (_, i) => ({
    id: `bench_${tag}_${i}`,
    email: `bench_${tag}_${i}@bench.test`,
    username: `bench_${tag}_${i}`,
    usernameKey: `bench_${tag}_${i}`,
    displayName: `Bench ${i}`,
  }));
  await deps.db.user.createMany({ data: users });
  const pairs: { a: string; b: string; conversationId: string }[] = [];
  for (let i = 0; i + 1 < count; i += 2) {
    const a = users[i]!.id;
    const b = users[i + 1]!.id;
    const conversation = await deps.db.conversation.create({
      data: { kind: "DIRECT", directKey: [a, b].sort().join(":"), members: { create: [{ userId: a }, { userId: b }] } },
    });
    pairs.push({ a, b, conversationId: conversation.id });
  }
  return { users, pairs };
}

async function run(clients: number) {
  const server = await startApiServer();
  const pid = server.process.pid!;
  await sleep(500);
  const { users, pairs } = await createPairs(clients);
  await apiClient(server.url, users[0]!.id).chat.conversations.query(); // warm the server's code paths
  const before = rssKiB(pid);

  const waiting = new Map<string, (at: number) => void>();
  const sources: EventSource[] = [];
  let open = 0;
  for (const user of users) {
    const source = openEventStream(
      server.url,
      user.id,
      (event) => {
        const body = (event.message as { body?: string } | undefined)?.body;
        if (event.type === "message.created" && body) waiting.get(`${user.id}|${body}`)?.(performance.now());
      },
      () => open++,
    );
    sources.push(source);
  }
  while (open < clients) await sleep(50);
  await sleep(2000);
  const idle = rssKiB(pid);

  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const pair = pairs[i % pairs.length]!;
    const [from, to] = i % 2 ? [pair.b, pair.a] : [pair.a, pair.b];
    const body = `bench ${i} ${randomBytes(4).toString("hex")}`;
    const received = new Promise<number>((resolve) => waiting.set(`${to}|${body}`, resolve));
    const start = performance.now();
    await apiClient(server.url, from).chat.send.mutate({ conversationId: pair.conversationId, body });
    latencies.push((await received) - start);
    waiting.delete(`${to}|${body}`);
    if (i % 20 === 19) await sleep(50);
  }
  for (const source of sources) source.close();
  await server.stop();
  return { latencies, perConnectionKiB: (idle - before) / clients };
}

async function main() {
  const raw = percentiles(await rawRedisLatency(SAMPLES));
  console.log(
    `raw Redis PUBLISH→SUBSCRIBE (same Redis, ${SAMPLES} samples): p50 ${fmt(raw.p50)}  p99 ${fmt(raw.p99)}  max ${fmt(raw.max)}`,
  );
  for (const clients of sizes.length ? sizes : [100, 1000]) {
    // The send rate limit (20 per 10 s per user) is per sender; samples rotate over many senders and pause now and then.
    const { latencies, perConnectionKiB } = await run(clients);
    const p = percentiles(latencies);
    console.log(
      `${String(clients).padStart(5)} SSE clients, chat.send → receiver event (${SAMPLES} samples): p50 ${fmt(p.p50)}  p99 ${fmt(p.p99)}  max ${fmt(p.max)}  |  server memory per idle connection ≈ ${perConnectionKiB.toFixed(1)} KiB`,
    );
  }
}

runBench(main, deps);
