import "server-only";
import { createPrivateKey, createSecretKey } from "node:crypto";
import { SignJWT } from "jose";

/**
 * Jitsi meeting tokens, exactly as Prosody's token auth (mod_auth_token / token_verification) and the
 * token_affiliation and token_lobby_bypass modules read them. The contract is in jitsi/README.md ("What Prosody
 * checks in a token"):
 *  - header `typ: "JWT"` (jose omits it unless set) and `alg` equal to the configured algorithm (+ `kid` for RS256);
 *  - `iss` = app id, `aud` = an accepted audience, `sub` = the XMPP domain, `room` = one room (never "*");
 *  - `nbf` a little in the past and `exp` soon: Prosody checks both with no leeway, and a token without exp never expires;
 *  - `context.user` {id, name, avatar} plus `affiliation`/`moderator` (who is owner) and `lobby_bypass`. Never the
 *    email: Jitsi shares a participant's identity with everyone in the room;
 *  - `context.features` gates recording (Jibri falls back to the moderator role when features are absent, so always send them).
 */
export interface JitsiTokenConfig {
  appId: string;
  audience: string;
  xmppDomain: string;
  ttlSeconds: number;
  algorithm: "HS256" | "RS256";
  /** HS256: the shared secret (Prosody's JWT_APP_SECRET). */
  secret?: string;
  /** RS256: a PEM private key and the kid Prosody fetches the public key by. */
  privateKey?: string;
  keyId?: string;
}

export interface JitsiTokenGrant {
  /** The Jitsi room name (lower-case, no "/"): Prosody compares it lower-cased with the room joined. */
  room: string;
  user: { id: string; name: string; avatar: string | null };
  moderator: boolean;
  /** Walks straight in even when the room's lobby is on. */
  lobbyBypass: boolean;
  recording: boolean;
}

/** How far in the past `nbf` is set: Prosody and the app may disagree about the time by a few seconds. */
export const NOT_BEFORE_SKEW_SECONDS = 30;

export async function mintJitsiToken(
  config: JitsiTokenConfig,
  grant: JitsiTokenGrant,
  nowMs = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  if (!/^[a-z0-9_-]+$/.test(grant.room))
    throw new Error("Jitsi room names must be lower-case letters, digits, '-' or '_'.");
  const now = Math.floor(nowMs / 1000);
  const expiresAt = now + config.ttlSeconds;
  const header =
    config.algorithm === "RS256"
      ? { alg: "RS256", typ: "JWT", kid: required(config.keyId, "keyId") }
      : { alg: "HS256", typ: "JWT" };
  const key =
    config.algorithm === "RS256"
      ? createPrivateKey(required(config.privateKey, "privateKey"))
      : createSecretKey(Buffer.from(required(config.secret, "secret"), "utf8"));
  const token = await new SignJWT({
    room: grant.room,
    context: {
      user: {
        id: grant.user.id,
        name: grant.user.name,
        avatar: grant.user.avatar ?? "",
        moderator: grant.moderator,
        affiliation: grant.moderator ? "owner" : "member",
        lobby_bypass: grant.lobbyBypass,
      },
      features: {
        recording: grant.recording,
        livestreaming: false,
        transcription: false,
        "outbound-call": false,
        "sip-outbound-call": false,
      },
    },
  })
    .setProtectedHeader(header)
    .setIssuer(config.appId)
    .setAudience(config.audience)
    .setSubject(config.xmppDomain)
    .setIssuedAt(now)
    .setNotBefore(now - NOT_BEFORE_SKEW_SECONDS)
    .setExpirationTime(expiresAt)
    .sign(key);
  return { token, expiresAt };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Jitsi token config: ${name} is not set.`);
  return value;
}

/** The token settings from the validated environment (null when group calls are switched off). */
export function jitsiTokenConfig(env: {
  JITSI_DOMAIN?: string;
  JITSI_APP_ID: string;
  JITSI_AUDIENCE: string;
  JITSI_XMPP_DOMAIN: string;
  JITSI_TOKEN_TTL_SECONDS: number;
  JITSI_JWT_ALGORITHM: "HS256" | "RS256";
  JITSI_APP_SECRET?: string;
  JITSI_PRIVATE_KEY?: string;
  JITSI_KEY_ID?: string;
}): JitsiTokenConfig | null {
  if (!env.JITSI_DOMAIN) return null;
  return {
    appId: env.JITSI_APP_ID,
    audience: env.JITSI_AUDIENCE,
    xmppDomain: env.JITSI_XMPP_DOMAIN,
    ttlSeconds: env.JITSI_TOKEN_TTL_SECONDS,
    algorithm: env.JITSI_JWT_ALGORITHM,
    secret: env.JITSI_APP_SECRET,
    // Env files cannot hold newlines comfortably: accept "\n" escapes in the PEM.
    privateKey: env.JITSI_PRIVATE_KEY?.replace(/\\n/g, "\n"),
    keyId: env.JITSI_KEY_ID,
  };
}
