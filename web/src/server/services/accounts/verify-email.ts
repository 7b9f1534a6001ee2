import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { grantAdminIfListed } from "./admin-emails";
import { consumeEmailToken } from "./email-tokens";
import { sendVerificationEmail } from "./sign-up";

export async function verifyEmail(deps: Deps, token: string): Promise<void> {
  const userId = await consumeEmailToken(deps.db, token, "VERIFY_EMAIL");
  if (!userId) throw new AppError("BAD_REQUEST", "This verification link is invalid or has expired. Request a new one from your settings.");
  await deps.db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await audit(deps.db, "account.email-verified", { userId });
  await grantAdminIfListed(deps, userId);
}

export async function resendVerificationEmail(deps: Deps, userId: string): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, displayName: true, emailVerifiedAt: true } });
  if (user.emailVerifiedAt) throw new AppError("BAD_REQUEST", "Your email address is already verified.");
  await deps.limits.verificationEmailPerUser.consume(userId);
  await sendVerificationEmail(deps, user);
}
