import "server-only";
import type { Redis } from "ioredis";
import type { UserEvent } from "./events";

/**
 * Per-user event streams in Redis. Each event is appended to the user's Redis stream (so a client that reconnects
 * can resume from the last id it saw, with no gap and no duplicate) and, in the same atomic step, PUBLISHed on the
 * user's channel (so every web process holding a connection for that user gets it live). Nothing lives only in
 * one process's memory.
 */
const KEEP_PER_USER = 1000;
const KEEP_SECONDS = 7 * 24 * 3600;
export const streamKey = (userId: string) => `hearth:events:${userId}`;

// XADD and PUBLISH in one script: live delivery order equals stream id order, even with many publishers.
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', KEYS[1], id .. ' ' .. ARGV[1])
return id`;

/** Appends and publishes an event to each user; returns the event ids in the same order. */
export async function publishToUsers(redis: Redis, userIds: string[], event: UserEvent): Promise<string[]> {
  if (userIds.length === 0) return [];
  const payload = JSON.stringify(event);
  const pipeline = redis.pipeline();
  for (const userId of new Set(userIds))
    pipeline.eval(PUBLISH_SCRIPT, 1, streamKey(userId), payload, String(KEEP_PER_USER), String(KEEP_SECONDS));
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, id]) => {
    if (error) throw error;
    return id as string;
  });
}

/** The id ephemeral events carry: they are published live but not kept, so they never move a client's resume point. */
export const EPHEMERAL_ID = "-";

/** Publishes without keeping (typing, presence): only connections open right now get it. */
export async function publishEphemeral(redis: Redis, userIds: string[], event: UserEvent): Promise<void> {
  if (userIds.length === 0) return;
  const message = `${EPHEMERAL_ID} ${JSON.stringify(event)}`;
  const pipeline = redis.pipeline();
  for (const userId of new Set(userIds)) pipeline.publish(streamKey(userId), message);
  await pipeline.exec();
}

export interface StoredEvent {
  id: string;
  event: UserEvent;
}

/**
 * Events after `afterId` (exclusive), oldest first; `null` when the stream no longer reaches back to `afterId`
 * (trimmed past it, or expired), so events may be missing and the caller must resynchronise.
 */
export async function readEventsAfter(redis: Redis, userId: string, afterId: string): Promise<StoredEvent[] | null> {
  const key = streamKey(userId);
  const [oldest, entries] = await Promise.all([
    redis.xrange(key, "-", "+", "COUNT", 1) as Promise<[string, string[]][]>,
    redis.xrange(key, `(${afterId}`, "+") as Promise<[string, string[]][]>,
  ]);
  // Empty: the stream expired after a week without events (ids are only ever handed out from a non-empty stream).
  // Oldest kept entry newer than afterId: afterId itself was trimmed, and whatever followed it may have been too.
  if (!oldest[0] || compareEventIds(oldest[0][0], afterId) > 0) return null;
  return entries.map(toStored);
}

const toStored = ([id, fields]: [string, string[]]): StoredEvent => ({
  id,
  event: JSON.parse(fields[1]!) as UserEvent,
});

/** Orders Redis stream ids ("<ms>-<seq>"). */
export function compareEventIds(a: string, b: string): number {
  const [am = "0", as = "0"] = a.split("-");
  const [bm = "0", bs = "0"] = b.split("-");
  const byMs = BigInt(am) - BigInt(bm);
  if (byMs !== 0n) return byMs < 0n ? -1 : 1;
  const bySeq = BigInt(as) - BigInt(bs);
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1;
}

export const isEventId = (value: string) => /^\d{1,20}-\d{1,20}$/.test(value);
