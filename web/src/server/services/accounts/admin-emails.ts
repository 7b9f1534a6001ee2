import "server-only";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";

/**
 * ADMIN_EMAILS names who may administer this Hearth, but an address in an account proves nothing until its owner
 * has shown they read its mail. So the admin role is granted only with a verified address: when the verification
 * link (or a password reset link, which proves the same) is used, or at sign-up through a provider that vouches
 * for the address (OIDC email_verified). Signing up first with a listed address gives an ordinary account.
 */
export const isAdminEmail = (deps: Pick<Deps, "env">, email: string): boolean =>
  deps.env.ADMIN_EMAILS.includes(email.toLowerCase());

/** Called once the user's address is verified: makes them admin when it is listed. Returns whether it did. */
export async function grantAdminIfListed(deps: Pick<Deps, "db" | "env">, userId: string): Promise<boolean> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, role: true, emailVerifiedAt: true },
  });
  if (user.role === "ADMIN" || !user.emailVerifiedAt || !isAdminEmail(deps, user.email)) return false;
  await deps.db.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
  await audit(deps.db, "account.admin-granted", {
    userId,
    detail: { reason: "verified address listed in ADMIN_EMAILS" },
  });
  return true;
}
