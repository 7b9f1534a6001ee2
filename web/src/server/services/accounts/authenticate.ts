import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { burnPasswordCheck, verifyPassword } from "./password-hash";
import { useRecoveryCode } from "./recovery-codes";
import { verifyTotpForUser } from "./two-factor";

export interface SignInAttempt {
  email: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code; needed once the password is right and 2FA is on. */
  secondFactor?: string;
}

export type SignInResult =
  | { ok: true; user: { id: string; role: "USER" | "ADMIN"; sessionVersion: number } }
  | { ok: false; reason: "invalid-credentials" | "second-factor-required" | "invalid-second-factor" };

/**
 * Checks a password sign-in. Rate limits: every attempt counts against the client IP, and every failure
 * against the account (at most 100 an hour); a limited caller gets TOO_MANY_REQUESTS with when to retry.
 */
export async function authenticate(deps: Deps, attempt: SignInAttempt, client: { ip: string }): Promise<SignInResult> {
  await deps.limits.signInPerIp.consume(client.ip);
  const email = attempt.email.trim().toLowerCase();
  const user = await deps.db.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, sessionVersion: true, totpEnabledAt: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(attempt.password);
    await audit(deps.db, "account.sign-in-failed", { ip: client.ip, detail: { reason: "unknown-account" } });
    return { ok: false, reason: "invalid-credentials" };
  }
  await deps.limits.signInFailuresPerAccount.assertNotExhausted(user.id);

  if (!(await verifyPassword(user.passwordHash, attempt.password))) {
    await recordFailure(deps, user.id, client.ip, "wrong-password");
    return { ok: false, reason: "invalid-credentials" };
  }

  if (user.totpEnabledAt) {
    const factor = attempt.secondFactor?.trim();
    if (!factor) return { ok: false, reason: "second-factor-required" };
    if (!(await checkSecondFactor(deps, user.id, factor, client.ip)))
      return { ok: false, reason: "invalid-second-factor" };
  }

  await audit(deps.db, "account.sign-in", { userId: user.id, ip: client.ip });
  return { ok: true, user: { id: user.id, role: user.role, sessionVersion: user.sessionVersion } };
}

/**
 * A TOTP code (6 digits, rate-limited, each accepted once) or a recovery code, for a user with 2FA on. A wrong one
 * is audited and counts against the account's failures.
 */
export async function checkSecondFactor(deps: Deps, userId: string, factor: string, ip: string): Promise<boolean> {
  const accepted = /^\d{6}$/.test(factor)
    ? await verifyTotpForUser(deps, userId, factor)
    : await useRecoveryCode(deps, userId, factor, ip);
  if (!accepted) await recordFailure(deps, userId, ip, "wrong-second-factor");
  return accepted;
}

async function recordFailure(deps: Deps, userId: string, ip: string, reason: string): Promise<void> {
  await audit(deps.db, "account.sign-in-failed", { userId, ip, detail: { reason } });
  try {
    await deps.limits.signInFailuresPerAccount.consume(userId);
  } catch (error) {
    // This failure used the last allowance; the next attempt is refused by assertNotExhausted.
    if (!(error instanceof AppError && error.code === "TOO_MANY_REQUESTS")) throw error;
  }
}
