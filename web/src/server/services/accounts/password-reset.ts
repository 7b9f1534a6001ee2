import "server-only";
import type { Deps } from "../../infra/deps";
import { AppError } from "../../errors";
import { grantAdminIfListed } from "./admin-emails";
import { audit } from "./audit";
import { consumeEmailToken, hashToken, issueEmailToken } from "./email-tokens";
import { hashPassword } from "./password-hash";
import { assertPasswordAllowed } from "./password-policy";

/**
 * Emails a reset link if the address has an account. The answer is the same either way, so the
 * form cannot be used to learn who has an account.
 */
export async function requestPasswordReset(deps: Deps, email: string, client: { ip: string }): Promise<void> {
  await deps.limits.passwordResetPerIp.consume(client.ip);
  await deps.limits.passwordResetPerEmail.consume(email);
  const user = await deps.db.user.findUnique({
    where: { email },
    select: { id: true, email: true, displayName: true },
  });
  await audit(deps.db, "account.password-reset-requested", { userId: user?.id, ip: client.ip });
  if (!user) return;
  const { id, token } = await issueEmailToken(deps.db, user.id, "RESET_PASSWORD");
  const url = new URL(`/reset-password?token=${token}`, deps.env.APP_URL).toString();
  await deps.mail.enqueue(
    { template: "reset-password", to: user.email, displayName: user.displayName, url },
    `reset-password-${id}`,
  );
}

/** Sets a new password from a reset link, verifies the email (the link proved ownership) and signs out every session. */
export async function resetPassword(
  deps: Deps,
  token: string,
  password: string,
  client: { ip: string },
): Promise<void> {
  const pending = await deps.db.emailToken.findFirst({
    where: { tokenHash: hashToken(token), kind: "RESET_PASSWORD", usedAt: null, expiresAt: { gt: new Date() } },
    select: { user: { select: { email: true, username: true } } },
  });
  if (!pending) throw invalidLink();
  assertPasswordAllowed(password, pending.user);
  const passwordHash = await hashPassword(password);
  const userId = await consumeEmailToken(deps.db, token, "RESET_PASSWORD");
  if (!userId) throw invalidLink();
  const user = await deps.db.user.update({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 }, emailVerifiedAt: new Date() },
    select: { email: true, displayName: true },
  });
  await deps.limits.signInFailuresPerAccount.reset(userId);
  // The reset link proved the address, as a verification link would.
  await grantAdminIfListed(deps, userId);
  await audit(deps.db, "account.password-reset", { userId, ip: client.ip });
  await deps.mail.enqueue(
    { template: "password-changed", to: user.email, displayName: user.displayName },
    `password-changed-${userId}-${Date.now()}`,
  );
}

const invalidLink = () => new AppError("BAD_REQUEST", "This reset link is invalid or has expired. Request a new one.");
