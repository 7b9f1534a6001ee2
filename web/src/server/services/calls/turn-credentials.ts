import "server-only";
import { createHmac } from "node:crypto";
import { notFound } from "../../errors";
import type { Deps } from "../../infra/deps";

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * Short-lived TURN credentials in coturn's TURN REST scheme (`use-auth-secret`): the username is
 * "<unix expiry>:<userId>" and the password base64(HMAC-SHA1(shared secret, username)). coturn recomputes the
 * HMAC and refuses expired usernames, so nothing is stored and a leaked credential dies on its own.
 */
export function turnCredentials(
  secret: string,
  userId: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): { username: string; credential: string; expiresAt: number } {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { username, credential, expiresAt };
}

/** The RTCPeerConnection iceServers for one user: STUN as configured, TURN (UDP/TCP/TLS URLs from config) with fresh credentials. */
export function iceServersFor(
  config: { TURN_SECRET: string; TURN_URLS: string[]; STUN_URLS: string[]; TURN_TTL_SECONDS: number },
  userId: string,
  nowMs = Date.now(),
): { iceServers: IceServer[]; expiresAt: number } {
  const { username, credential, expiresAt } = turnCredentials(
    config.TURN_SECRET,
    userId,
    config.TURN_TTL_SECONDS,
    nowMs,
  );
  const iceServers: IceServer[] = [];
  if (config.STUN_URLS.length) iceServers.push({ urls: config.STUN_URLS });
  if (config.TURN_URLS.length) iceServers.push({ urls: config.TURN_URLS, username, credential });
  return { iceServers, expiresAt };
}

/**
 * TURN credentials only for a party of a call that is ringing or going on (a TURN server relays traffic for whoever
 * holds them, so they are not handed to anyone who asks), rate-limited per user, valid TURN_TTL_SECONDS (at most
 * 10 minutes: coturn checks a credential when an allocation is made, so a longer call keeps its relay, and the
 * device asks again before expiry for later ICE restarts). NOT_FOUND for anyone else, as if the call did not exist.
 */
export async function iceServersForCall(deps: Deps, userId: string, callId: string) {
  const call = await deps.db.call.findFirst({
    where: { id: callId, status: { in: ["RINGING", "ACCEPTED"] }, OR: [{ callerId: userId }, { calleeId: userId }] },
    select: { id: true },
  });
  if (!call) throw notFound("That call");
  await deps.limits.turnCredentialsPerUser.consume(userId);
  return { ...iceServersFor(deps.env, userId), iceTransportPolicy: deps.env.ICE_TRANSPORT_POLICY };
}
