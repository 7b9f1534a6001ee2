import "server-only";
import type { Deps } from "../../infra/deps";
import { pendingSecondFactor, readPendingSecondFactor, type PendingSecondFactor } from "./oauth-two-factor";
import { signInWithOAuth, type OAuthProfile } from "./oauth-sign-in";
import { liveSessionUser, newSessionId } from "./session-revocation";
import { loadSessionUser, type SessionUser } from "./session-user";

/** What Hearth keeps in the Auth.js session token (an encrypted cookie). */
export interface SessionToken {
  uid?: string;
  sv?: number;
  /** This session's id (for signing it out alone) and when its sign-in happened (for the absolute lifetime). */
  sid?: string;
  since?: number;
  user?: SessionUser;
  /** An OAuth sign-in whose second factor is still owed: no user, so every page and procedure treats it as signed out. */
  pending?: PendingSecondFactor;
}

/**
 * The session token after a sign-in or on any later request (Auth.js's jwt callback). Null ends the session.
 *  - OAuth/OIDC: the identity's Hearth user; with 2FA on, only a pending first step (oauth-two-factor.ts).
 *  - Password, or the second factor after OAuth: the user the credentials provider vouched for.
 *  - Later requests: one lookup that validates the session and refreshes role and 2FA state.
 */
export async function nextSessionToken(
  deps: Deps,
  token: Record<string, unknown>,
  signIn: { oauth?: OAuthProfile; user?: { id: string; sessionVersion?: number } },
): Promise<SessionToken | null> {
  const session = async (ref: {
    uid: unknown;
    sv: unknown;
    sid: unknown;
    since: unknown;
  }): Promise<SessionToken | null> => {
    const user = await liveSessionUser(deps, ref as Parameters<typeof liveSessionUser>[1]);
    return user
      ? { uid: user.id, sv: ref.sv as number, sid: ref.sid as string, since: ref.since as number, user }
      : null;
  };
  // A new sign-in's id is fresh and its lifetime just begun: only the account needs loading.
  const signedIn = async (uid: string, sv: number): Promise<SessionToken | null> => {
    const user = await loadSessionUser(deps.db, uid, sv);
    return user ? { uid: user.id, sv, sid: newSessionId(), since: Date.now(), user } : null;
  };
  if (signIn.oauth) {
    const user = await signInWithOAuth(deps, signIn.oauth);
    if (user.needsSecondFactor) return { pending: pendingSecondFactor(user, signIn.oauth.provider) };
    return signedIn(user.id, user.sessionVersion);
  }
  if (signIn.user) return signedIn(signIn.user.id, signIn.user.sessionVersion ?? 0);
  if (token.pending !== undefined) {
    const pending = readPendingSecondFactor(token.pending);
    return pending ? { pending } : null;
  }
  return session({ uid: token.uid, sv: token.sv, sid: token.sid, since: token.since });
}
