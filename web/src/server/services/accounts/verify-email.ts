import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { grantAdminIfListed } from "./admin-emails";
import { consumeEmailToken, hashToken } from "./email-tokens";
import { sendVerificationEmail } from "./sign-up";

/**
 * Confirms the address a verification link was sent to. Opening the same link again (a second tab, a mail client's
 * preview, React running an effect twice) answers "already confirmed" instead of an error: the link did its work.
 */
export async function verifyEmail(deps: Deps, token: string): Promise<{ alreadyConfirmed: boolean }> {
  const userId = await consumeEmailToken(deps.db, token, "VERIFY_EMAIL");
  if (!userId) {
    if (await wasUsedToConfirm(deps, token)) return { alreadyConfirmed: true };
    throw new AppError(
      "BAD_REQUEST",
      "This verification link is invalid or has expired. Request a new one from your settings.",
    );
  }
  await deps.db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await audit(deps.db, "account.email-verified", { userId });
  await grantAdminIfListed(deps, userId);
  return { alreadyConfirmed: false };
}

/** A used verification link whose account is confirmed. (Used and unconfirmed cannot happen; expired and unused is invalid.) */
async function wasUsedToConfirm(deps: Deps, token: string): Promise<boolean> {
  const row = await deps.db.emailToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { kind: true, usedAt: true, user: { select: { emailVerifiedAt: true } } },
  });
  return row?.kind === "VERIFY_EMAIL" && row.usedAt !== null && row.user.emailVerifiedAt !== null;
}

export async function resendVerificationEmail(deps: Deps, userId: string): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, displayName: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt) throw new AppError("BAD_REQUEST", "Your email address is already verified.");
  await deps.limits.verificationEmailPerUser.consume(userId);
  await sendVerificationEmail(deps, user);
}
