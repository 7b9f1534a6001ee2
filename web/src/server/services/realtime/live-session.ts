import type { Redis } from "ioredis";
import type { Db } from "../../infra/db";
import { connect, HEARTBEAT_MS } from "../presence/presence";
import type { SubscriberHub } from "./subscriber-hub";
import { userEventStream } from "./user-event-stream";

/**
 * One open connection of a signed-in user: their event stream, while it lasts counted as a live connection for
 * presence (heartbeats renew it; closing or a crash ends it).
 */
export async function* liveSession(deps: { db: Db; redis: Redis; hub: SubscriberHub }, userId: string, lastEventId: string | null, signal: AbortSignal | undefined) {
  const presence = await connect(deps, userId);
  const heartbeat = setInterval(() => void presence.heartbeat().catch(() => undefined), HEARTBEAT_MS);
  try {
    yield* userEventStream(deps, userId, lastEventId, signal);
  } finally {
    clearInterval(heartbeat);
    await presence.disconnect();
  }
}
