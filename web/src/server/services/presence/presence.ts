import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../../infra/db";
import type { Redis } from "ioredis";
import { publishEphemeral } from "../realtime/event-stream";

/**
 * Presence lives in Redis, tied to live event-stream connections (each tab or device is one):
 *   presence:conns:<user>   sorted set of connection ids, scored by when they expire unless their heartbeat renews them
 *   presence:online         sorted set of users with connections, scored by their latest expiry (for the sweeper)
 *   presence:away:<user>    set while the user's devices report idle;  presence:call:<user> while in a call
 *   presence:seen:<user>    when the last connection closed (ms)
 *   presence:said:<user>    the status friends were last told, so only changes are published
 * Friends see each other's status live; nobody else does.
 */
export type PresenceStatus = "online" | "away" | "in-call" | "offline";
export interface Presence {
  status: PresenceStatus;
  lastSeenAt: number | null;
}

export const HEARTBEAT_MS = 15_000;
const CONNECTION_TTL_MS = 45_000;
const AWAY_TTL_S = 10 * 60;
const k = {
  conns: (u: string) => `presence:conns:${u}`,
  online: "presence:online",
  away: (u: string) => `presence:away:${u}`,
  call: (u: string) => `presence:call:${u}`,
  seen: (u: string) => `presence:seen:${u}`,
  said: (u: string) => `presence:said:${u}`,
};

export interface PresenceDeps {
  db: Db;
  redis: Redis;
}

/** Registers a live connection and returns its heartbeat and its end. */
export async function connect(
  deps: PresenceDeps,
  userId: string,
): Promise<{ heartbeat: () => Promise<void>; disconnect: () => Promise<void> }> {
  const connectionId = randomBytes(8).toString("hex");
  const renew = async (at: number) => {
    // GT keeps the user's latest expiry (and still adds a user not yet listed).
    await deps.redis
      .multi()
      .zadd(k.conns(userId), at + CONNECTION_TTL_MS, connectionId)
      .zadd(k.online, "GT", at + CONNECTION_TTL_MS, userId)
      .exec();
  };
  await renew(Date.now());
  await announceIfChanged(deps, userId);
  return {
    heartbeat: () => renew(Date.now()),
    disconnect: async () => {
      await deps.redis.zrem(k.conns(userId), connectionId);
      await settle(deps, userId, Date.now());
    },
  };
}

/** Marks the user away (idle on every device) or back. */
export async function setAway(deps: PresenceDeps, userId: string, away: boolean): Promise<void> {
  if (away) await deps.redis.set(k.away(userId), "1", "EX", AWAY_TTL_S);
  else await deps.redis.del(k.away(userId));
  await announceIfChanged(deps, userId);
}

/** Marks users as in a call (for `ttlSeconds`, renewed while the call lives) or out of it, and tells their friends. */
export async function setInCall(deps: PresenceDeps, userIds: string[], ttlSeconds: number | null): Promise<void> {
  for (const userId of userIds) {
    if (ttlSeconds) await deps.redis.set(k.call(userId), "1", "EX", ttlSeconds);
    else await deps.redis.del(k.call(userId));
    await announceIfChanged(deps, userId);
  }
}

export async function presenceOf(redis: Redis, userIds: string[], now = Date.now()): Promise<Map<string, Presence>> {
  if (userIds.length === 0) return new Map();
  const pipeline = redis.pipeline();
  for (const u of userIds)
    pipeline.zcount(k.conns(u), `(${now}`, "+inf").exists(k.call(u)).exists(k.away(u)).get(k.seen(u));
  const results = ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
  return new Map(
    userIds.map((u, i) => {
      const [live, call, away, seen] = results.slice(i * 4, i * 4 + 4) as [number, number, number, string | null];
      const status: PresenceStatus = live === 0 ? "offline" : call ? "in-call" : away ? "away" : "online";
      return [u, { status, lastSeenAt: status === "offline" && seen ? Number(seen) : null }];
    }),
  );
}

/** Presence of the caller's friends (only friends may see it). */
export async function friendsPresence(deps: PresenceDeps, userId: string): Promise<Record<string, Presence>> {
  const friends = await deps.db.friendship.findMany({ where: { userId }, select: { friendId: true } });
  return Object.fromEntries(
    await presenceOf(
      deps.redis,
      friends.map((f) => f.friendId),
    ),
  );
}

/**
 * Expires connections whose heartbeat stopped (a crashed process, a dropped network) and tells friends.
 * Run periodically by the worker; safe to run from several processes at once.
 */
export async function sweepExpiredPresence(deps: PresenceDeps, now = Date.now()): Promise<number> {
  const stale = await deps.redis.zrangebyscore(k.online, "-inf", now);
  for (const userId of stale) await settle(deps, userId, now);
  return stale.length;
}

async function settle(deps: PresenceDeps, userId: string, now: number): Promise<void> {
  await deps.redis.zremrangebyscore(k.conns(userId), "-inf", now);
  if ((await deps.redis.zcard(k.conns(userId))) === 0) {
    await deps.redis
      .multi()
      .zrem(k.online, userId)
      .set(k.seen(userId), String(now), "EX", 90 * 24 * 3600)
      .exec();
  }
  await announceIfChanged(deps, userId);
}

async function announceIfChanged(deps: PresenceDeps, userId: string): Promise<void> {
  const presence = (await presenceOf(deps.redis, [userId])).get(userId)!;
  const previous = await deps.redis.set(k.said(userId), presence.status, "GET");
  if (previous === presence.status) return;
  const friends = await deps.db.friendship.findMany({ where: { userId }, select: { friendId: true } });
  await publishEphemeral(
    deps.redis,
    friends.map((f) => f.friendId),
    { type: "presence", userId, ...presence },
  );
}
