import "server-only";
import { randomBytes } from "node:crypto";
import type { Deps } from "../../infra/deps";
import { loadSessionUser, type SessionUser } from "./session-user";

/**
 * Sessions are encrypted cookies (JWT strategy), so ending one needs a record on the server:
 *  - each session has an id (`sid`) from its sign-in; signing out puts that id on a deny list in Redis for as long
 *    as the session could otherwise live, so a copied cookie stops working at once;
 *  - "Sign out everywhere" (and a password change or reset, 2FA on or off) bumps the account's session version;
 *  - every session ends SESSION_ABSOLUTE_DAYS after its sign-in, however active it stays.
 * The same check runs on every request and, for an open event stream, on every heartbeat.
 */
export interface SessionRef {
  uid: string;
  sv: number;
  sid: string;
  /** When the sign-in happened (ms). */
  since: number;
}

const revokedKey = (sid: string) => `session:revoked:${sid}`;

export const newSessionId = () => randomBytes(16).toString("base64url");

const absoluteMs = (deps: Pick<Deps, "env">) => deps.env.SESSION_ABSOLUTE_DAYS * 86_400_000;

/** The user behind a session reference, or null when it has ended (signed out, outdated, past its lifetime). */
export async function liveSessionUser(
  deps: Pick<Deps, "db" | "redis" | "env">,
  ref: Partial<SessionRef> | Record<string, unknown>,
  now = Date.now(),
): Promise<SessionUser | null> {
  if (typeof ref.sid !== "string" || typeof ref.since !== "number") return null;
  if (now - ref.since >= absoluteMs(deps)) return null;
  if (await deps.redis.exists(revokedKey(ref.sid))) return null;
  return loadSessionUser(deps.db, ref.uid, ref.sv);
}

/** Ends one session now (sign-out). */
export async function revokeSession(
  deps: Pick<Deps, "redis" | "env">,
  ref: Partial<SessionRef> | Record<string, unknown>,
  now = Date.now(),
): Promise<void> {
  if (typeof ref.sid !== "string") return;
  const since = typeof ref.since === "number" ? ref.since : now;
  const left = Math.max(1, Math.ceil((since + absoluteMs(deps) - now) / 1000));
  await deps.redis.set(revokedKey(ref.sid), "1", "EX", left);
}

/** Ends every session of the account ("Sign out everywhere"). */
export async function signOutEverywhere(deps: Pick<Deps, "db">, userId: string): Promise<void> {
  await deps.db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
