import "server-only";
import type { Redis } from "ioredis";
import { RING_TIMEOUT_MS } from "./call-state";

/**
 * Who is in a call right now, in Redis: `calls:active:<userId>` holds the id of the one call (ringing or answered)
 * each user is part of. Claiming both parties' keys in one script is what makes "busy" race-free. The keys expire:
 * ringing ones shortly after the ring timeout, answered ones unless the clients' keep-alives renew them, so a
 * crashed browser cannot leave anyone busy forever.
 */
export const RINGING_TTL_SECONDS = Math.ceil(RING_TIMEOUT_MS / 1000) + 15;
export const LIVE_CALL_TTL_SECONDS = 60;
const activeKey = (userId: string) => `calls:active:${userId}`;

const CLAIM = `
local mine = redis.call('GET', KEYS[1])
if mine then return {'caller-busy', mine} end
local theirs = redis.call('GET', KEYS[2])
if theirs then return {'callee-busy', theirs} end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
return {'ok', ARGV[1]}`;

const RENEW_IF_OURS = `
local n = 0
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('EXPIRE', key, ARGV[2]); n = n + 1 end
end
return n`;

const RELEASE_IF_OURS = `
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;

export type Claim = { outcome: "ok" } | { outcome: "caller-busy" | "callee-busy"; otherCallId: string };

/** Marks both parties as in this (ringing) call, unless either already is in one. */
export async function claimParties(redis: Redis, callId: string, callerId: string, calleeId: string): Promise<Claim> {
  const [outcome, otherCallId] = (await redis.eval(
    CLAIM,
    2,
    activeKey(callerId),
    activeKey(calleeId),
    callId,
    String(RINGING_TTL_SECONDS),
  )) as [string, string];
  return outcome === "ok" ? { outcome } : { outcome: outcome as "caller-busy" | "callee-busy", otherCallId };
}

/** Keeps the parties' keys alive while they still point at this call; returns how many did. */
export async function renewParties(
  redis: Redis,
  callId: string,
  userIds: string[],
  ttlSeconds = LIVE_CALL_TTL_SECONDS,
): Promise<number> {
  return (await redis.eval(
    RENEW_IF_OURS,
    userIds.length,
    ...userIds.map(activeKey),
    callId,
    String(ttlSeconds),
  )) as number;
}

export async function releaseParties(redis: Redis, callId: string, userIds: string[]): Promise<void> {
  await redis.eval(RELEASE_IF_OURS, userIds.length, ...userIds.map(activeKey), callId);
}

export async function activeCallIdOf(redis: Redis, userId: string): Promise<string | null> {
  return redis.get(activeKey(userId));
}
