/**
 * Call signalling benchmark (not a test): pairs of friends hold SSE event streams on ONE server process. For each
 * call the time from the caller's `calls.start` to the callee's `call.ringing` event is measured, and then, with
 * the call answered, the time from `calls.signal` (an ICE candidate) to the other device's `call.signal` event.
 * Printed beside the raw Redis PUBLISH→SUBSCRIBE latency measured in the same run.
 *
 *   bash scripts/stack/up.sh && npm run bench:calls [pairs]   (default 150 pairs, 2 calls each, 3 candidates per call)
 *
 * Uses the integration-test database and Redis db (tests/helpers/test-env.ts); everything stays on 127.0.0.1.
 */
import { randomBytes } from "node:crypto";
import { apiClient, startApiServer } from "../tests/helpers/api-client";
import { applyTestEnv } from "../tests/helpers/test-env";
import { createDeps } from "../web/src/server/infra/deps";
import { parseEnv } from "../web/src/server/infra/env";
import { openEventStream, rawRedisLatency, sleep, summary, runBench } from "./lib";

applyTestEnv();
const pairsWanted = Number(process.argv[2] ?? 150);
const CALLS_PER_PAIR = 2;
const CANDIDATES_PER_CALL = 3;
const deps = createDeps(parseEnv(process.env));

async function createFriendPairs(count: number) {
  const tag = randomBytes(3).toString("hex");
  const users = Array.from({ length: count * 2 }, (_, i) => ({
    id: `callbench_${tag}_${i}`,
    email: `callbench_${tag}_${i}@bench.test`,
    username: `callbench_${tag}_${i}`,
    usernameKey: `callbench_${tag}_${i}`,
    displayName: `Caller ${i}`,
  }));
  await deps.db.user.createMany({ data: users });
  const pairs = Array.from({ length: count }, (_, i) => ({ a: users[2 * i]!.id, b: users[2 * i + 1]!.id }));
  await deps.db.friendship.createMany({
    data: pairs.flatMap(({ a, b }) => [
      { userId: a, friendId: b },
      { userId: b, friendId: a },
    ]),
  });
  return { users, pairs };
}

async function main() {
  const raw = await rawRedisLatency(300);
  console.log(`raw Redis PUBLISH→SUBSCRIBE (same Redis, 300 samples): ${summary(raw)}`);

  const server = await startApiServer();
  await sleep(500);
  const { users, pairs } = await createFriendPairs(pairsWanted);
  const waiting = new Map<string, (at: number) => void>();
  let open = 0;
  const sources = users.map((user) =>
    openEventStream(
      server.url,
      user.id,
      (event) => {
        if (event.type === "call.ringing") waiting.get(`${user.id}|ring`)?.(performance.now());
        if (event.type === "call.signal")
          waiting.get(`${user.id}|${(event.signal as { candidate?: { candidate: string } }).candidate?.candidate}`)?.(
            performance.now(),
          );
      },
      () => open++,
    ),
  );
  while (open < users.length) await sleep(50);
  await sleep(1500); // presence registered: callees are online, so calls ring

  const ringing: number[] = [];
  const signals: number[] = [];
  const heard = (key: string) => new Promise<number>((resolve) => waiting.set(key, resolve));
  for (let round = 0; round < CALLS_PER_PAIR; round++) {
    for (const { a, b } of pairs) {
      const [caller, callee] = round % 2 ? [b, a] : [a, b];
      const rang = heard(`${callee}|ring`);
      let start = performance.now();
      const call = await apiClient(server.url, caller).calls.start.mutate({
        calleeId: callee,
        deviceId: `dev-${caller}`,
      });
      ringing.push((await rang) - start);
      await apiClient(server.url, callee).calls.accept.mutate({ callId: call.id, deviceId: `dev-${callee}` });
      for (let i = 0; i < CANDIDATES_PER_CALL; i++) {
        const candidate = `candidate:${randomBytes(6).toString("hex")} 1 udp 2122260223 127.0.0.1 50000 typ host`;
        const got = heard(`${callee}|${candidate}`);
        start = performance.now();
        await apiClient(server.url, caller).calls.signal.mutate({
          callId: call.id,
          deviceId: `dev-${caller}`,
          signal: {
            kind: "candidate",
            candidate: { candidate, sdpMid: "0", sdpMLineIndex: 0, usernameFragment: null },
          },
        });
        signals.push((await got) - start);
      }
      await apiClient(server.url, caller).calls.hangUp.mutate({ callId: call.id });
    }
  }
  console.log(
    `calls.start → callee's call.ringing (${ringing.length} calls, ${users.length} SSE clients): ${summary(ringing)}`,
  );
  console.log(`calls.signal → other device's call.signal (${signals.length} ICE candidates): ${summary(signals)}`);

  for (const source of sources) source.close();
  await server.stop();
}

runBench(main, deps);
