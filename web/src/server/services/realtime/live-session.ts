import "server-only";
import type { Redis } from "ioredis";
import type { Db } from "../../infra/db";
import { connect, HEARTBEAT_MS } from "../presence/presence";
import type { SubscriberHub } from "./subscriber-hub";
import { userEventStream } from "./user-event-stream";

/**
 * One open connection of a signed-in user: their event stream, while it lasts counted as a live connection for
 * presence (heartbeats renew it; closing or a crash ends it).
 */
export async function* liveSession(
  deps: { db: Db; redis: Redis; hub: SubscriberHub },
  userId: string,
  lastEventId: string | null,
  signal: AbortSignal | undefined,
  session: { alive: () => Promise<boolean>; recheckMs: number } = { alive: async () => true, recheckMs: HEARTBEAT_MS },
) {
  const presence = await connect(deps, userId);
  const heartbeat = setInterval(() => void presence.heartbeat().catch(() => undefined), HEARTBEAT_MS);
  // A stream outlives the request that opened it: once its session has ended (signed out, password changed, past
  // its lifetime) it closes, and the client's reconnect is refused like any signed-out request.
  const ended = new AbortController();
  const recheck = setInterval(() => {
    void session.alive().then(
      (alive) => alive || ended.abort(),
      () => undefined,
    );
  }, session.recheckMs);
  try {
    yield* userEventStream(deps, userId, lastEventId, signal ? AbortSignal.any([signal, ended.signal]) : ended.signal);
  } finally {
    clearInterval(heartbeat);
    clearInterval(recheck);
    await presence.disconnect();
  }
}
