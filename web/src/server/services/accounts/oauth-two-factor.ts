import "server-only";
import { z } from "zod";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { checkSecondFactor } from "./authenticate";

/**
 * Two-factor authentication after an OAuth/OIDC sign-in. A provider proves who someone is at the provider, not that
 * they hold the authenticator they enrolled here, so an account with 2FA on gets no session from the provider
 * alone: the session token only records that the first step succeeded (pendingSecondFactor), for a few minutes,
 * and the code completes it. The same TOTP/recovery-code check and limits as password sign-in apply.
 */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60_000;

const pendingSchema = z.object({
  uid: z.string().min(1),
  sv: z.number().int(),
  until: z.number(),
  provider: z.string(),
});
export type PendingSecondFactor = z.infer<typeof pendingSchema>;

export const pendingSecondFactor = (
  user: { id: string; sessionVersion: number },
  provider: string,
  now = Date.now(),
): PendingSecondFactor => ({
  uid: user.id,
  sv: user.sessionVersion,
  until: now + SECOND_FACTOR_WINDOW_MS,
  provider,
});

/** The pending first step from a session token, or null when there is none or it has lapsed. */
export function readPendingSecondFactor(value: unknown, now = Date.now()): PendingSecondFactor | null {
  const parsed = pendingSchema.safeParse(value);
  return parsed.success && parsed.data.until > now ? parsed.data : null;
}

export type SecondFactorResult =
  | { ok: true; user: { id: string; role: "USER" | "ADMIN"; sessionVersion: number } }
  | { ok: false; reason: "expired" | "invalid-second-factor" };

export async function completeOAuthSecondFactor(
  deps: Deps,
  pending: unknown,
  code: string,
  client: { ip: string },
): Promise<SecondFactorResult> {
  const step = readPendingSecondFactor(pending);
  if (!step) return { ok: false, reason: "expired" };
  const user = await deps.db.user.findUnique({
    where: { id: step.uid },
    select: { id: true, role: true, sessionVersion: true, totpEnabledAt: true },
  });
  // Signed out everywhere (or 2FA changed) since the first step: start again.
  if (!user || user.sessionVersion !== step.sv || !user.totpEnabledAt) return { ok: false, reason: "expired" };
  await deps.limits.signInFailuresPerAccount.assertNotExhausted(user.id);
  if (!(await checkSecondFactor(deps, user.id, code.trim(), client.ip)))
    return { ok: false, reason: "invalid-second-factor" };
  await audit(deps.db, "account.sign-in", {
    userId: user.id,
    ip: client.ip,
    detail: { provider: step.provider, secondFactor: true },
  });
  return { ok: true, user: { id: user.id, role: user.role, sessionVersion: user.sessionVersion } };
}
