import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { verifyPassword } from "./password-hash";
import { regenerateRecoveryCodes } from "./recovery-codes";
import { generateTotpSecret, totpUri, verifyTotp } from "./totp";

/**
 * Starts enrolment after re-checking the password (someone at an unlocked computer must not tie the account to their
 * own authenticator): stores a fresh secret, inactive until confirmed, and returns it for the authenticator app.
 * Accounts that sign in only through a provider have no password to give.
 */
export async function beginTotpEnrolment(
  deps: Deps,
  userId: string,
  password: string | undefined,
): Promise<{ secret: string; uri: string }> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpEnabledAt: true, passwordHash: true },
  });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  if (user.passwordHash) {
    await deps.limits.passwordChecksPerUser.consume(userId);
    if (!password || !(await verifyPassword(user.passwordHash, password)))
      throw new AppError("BAD_REQUEST", "That password is not right.", { field: "password" });
  }
  const secret = generateTotpSecret();
  await deps.db.user.update({ where: { id: userId }, data: { totpSecret: secret } });
  return { secret, uri: totpUri(secret, user.email) };
}

/** Confirms enrolment with a first code; turns 2FA on, signs out other sessions and returns new recovery codes. */
export async function confirmTotpEnrolment(
  deps: Deps,
  userId: string,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  if (!user.totpSecret) throw new AppError("BAD_REQUEST", "Start setting up two-factor authentication first.");
  await deps.limits.totpAttemptsPerUser.consume(userId);
  if (!(await acceptTotp(deps, userId, user.totpSecret, code))) {
    throw new AppError(
      "BAD_REQUEST",
      "That code is not right. Check your authenticator app's clock and try the newest code.",
      { field: "code" },
    );
  }
  await deps.db.user.update({
    where: { id: userId },
    data: { totpEnabledAt: new Date(), sessionVersion: { increment: 1 } },
  });
  await audit(deps.db, "account.totp-enabled", { userId });
  return { recoveryCodes: await regenerateRecoveryCodes(deps, userId) };
}

/** Turns 2FA off after re-checking the password. Admins cannot: 2FA is required for them. */
export async function disableTotp(deps: Deps, userId: string, password: string): Promise<void> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { role: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user.totpEnabledAt) throw new AppError("BAD_REQUEST", "Two-factor authentication is already off.");
  if (user.role === "ADMIN") throw new AppError("FORBIDDEN", "Admins must keep two-factor authentication on.");
  await deps.limits.passwordChecksPerUser.consume(userId);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("BAD_REQUEST", "That password is not right.", { field: "password" });
  }
  await deps.db.$transaction([
    deps.db.user.update({
      where: { id: userId },
      data: { totpEnabledAt: null, totpSecret: null, sessionVersion: { increment: 1 } },
    }),
    deps.db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  await audit(deps.db, "account.totp-disabled", { userId });
}

/** New recovery codes, after re-checking the password (the old ones stop working). */
export async function regenerateRecoveryCodesWithPassword(
  deps: Deps,
  userId: string,
  password: string,
): Promise<{ recoveryCodes: string[] }> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, totpEnabledAt: true },
  });
  if (!user.totpEnabledAt) throw new AppError("BAD_REQUEST", "Turn on two-factor authentication first.");
  await deps.limits.passwordChecksPerUser.consume(userId);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("BAD_REQUEST", "That password is not right.", { field: "password" });
  }
  const recoveryCodes = await regenerateRecoveryCodes(deps, userId);
  await audit(deps.db, "account.recovery-codes-regenerated", { userId });
  return { recoveryCodes };
}

/** Checks a sign-in TOTP code for a user with 2FA on (rate-limited; a code is accepted once). */
export async function verifyTotpForUser(deps: Deps, userId: string, code: string): Promise<boolean> {
  await deps.limits.totpAttemptsPerUser.consume(userId);
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  return !!user.totpSecret && acceptTotp(deps, userId, user.totpSecret, code);
}

/** A code's time step may be used once: replaying an observed code fails (RFC 6238 §5.2). */
async function acceptTotp(deps: Deps, userId: string, secret: string, code: string): Promise<boolean> {
  const step = verifyTotp(secret, code);
  if (step === null) return false;
  const key = `totp:last-step:${userId}`;
  const fresh = await deps.redis.eval(
    "local last = tonumber(redis.call('GET', KEYS[1]) or '-1'); if tonumber(ARGV[1]) > last then redis.call('SET', KEYS[1], ARGV[1], 'EX', 120); return 1 end; return 0",
    1,
    key,
    String(step),
  );
  return fresh === 1;
}
