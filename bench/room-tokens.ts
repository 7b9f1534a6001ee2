/**
 * Room token benchmark (not a test): how long `rooms.join` takes to decide access and mint a Jitsi token, beside
 * signing alone (jose) and the raw floor (one HMAC-SHA256 over a token-sized payload), in the same run.
 *
 *   bash scripts/stack/up.sh && npm run bench:rooms [samples]   (default 500)
 *
 * In-process through the service function (no HTTP), on the integration-test database and Redis db.
 */
import { createHmac, randomBytes } from "node:crypto";
import { applyTestEnv } from "../tests/helpers/test-env";
import { createDeps } from "../web/src/server/infra/deps";
import { parseEnv } from "../web/src/server/infra/env";
import { joinRoom } from "../web/src/server/services/rooms/join-room";
import { jitsiTokenConfig, mintJitsiToken } from "../web/src/server/services/rooms/jitsi-token";
import { groupRoom } from "../web/src/server/services/rooms/rooms";
import { summary, runBench } from "./lib";

applyTestEnv();
const SAMPLES = Number(process.argv[2] ?? 500);
const deps = createDeps(parseEnv(process.env));

async function time(run: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

async function main() {
  const tag = randomBytes(3).toString("hex");
  // Enough members that the 60-joins-per-10-minutes limit never trips: each joins a few times.
  const members = Array.from({ length: Math.ceil(SAMPLES / 50) + 1 }, (_, i) => ({
    id: `roombench_${tag}_${i}`,
    email: `roombench_${tag}_${i}@bench.test`,
    username: `roombench_${tag}_${i}`,
    usernameKey: `roombench_${tag}_${i}`,
    displayName: `Member ${i}`,
  }));
  await deps.db.user.createMany({ data: members });
  const conversation = await deps.db.conversation.create({
    data: {
      kind: "GROUP",
      name: "Bench",
      createdById: members[0]!.id,
      members: { create: members.map((m, i) => ({ userId: m.id, role: i === 0 ? "ADMIN" : "MEMBER" })) },
    },
  });
  const room = await groupRoom(deps, members[0]!.id, conversation.id);
  const config = jitsiTokenConfig(deps.env)!;
  const payload = Buffer.from(
    JSON.stringify({ room: "hearth-x", context: { user: { id: "u", name: "Member" } }, iss: "hearth", aud: "hearth" }),
  );

  const raw = await time(() => createHmac("sha256", config.secret!).update(payload).digest("base64url"));
  const sign = await time(() =>
    mintJitsiToken(config, {
      room: "hearth-bench",
      user: { id: "u", name: "Member", avatar: null },
      moderator: false,
      lobbyBypass: true,
      recording: false,
    }),
  );
  const join = await time((i) => joinRoom(deps, members[i % members.length]!.id, room.id));
  console.log(`raw HMAC-SHA256 over a token-sized payload (${SAMPLES} samples): ${summary(raw)}`);
  console.log(`mintJitsiToken (jose SignJWT, HS256)        (${SAMPLES} samples): ${summary(sign)}`);
  console.log(`rooms.join (access rules + limits + token)  (${SAMPLES} samples): ${summary(join)}`);
}

runBench(main, deps);
