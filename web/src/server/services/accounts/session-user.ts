import "server-only";
import type { Db } from "../../infra/db";

export interface SessionUser {
  id: string;
  role: "USER" | "ADMIN";
  name: string;
  email: string;
  /** Admins without two-factor authentication may only reach their security settings. */
  needsTotp: boolean;
}

/**
 * The user behind a session token, or null when the session must end: the account is gone, or its session version
 * moved on (password reset or change, 2FA turned on or off), which signs out every older session at once.
 */
export async function loadSessionUser(db: Db, userId: unknown, sessionVersion: unknown): Promise<SessionUser | null> {
  if (typeof userId !== "string" || typeof sessionVersion !== "number") return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, displayName: true, email: true, totpEnabledAt: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    role: user.role,
    name: user.displayName,
    email: user.email,
    needsTotp: user.role === "ADMIN" && !user.totpEnabledAt,
  };
}
