import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { isAdminEmail } from "./admin-emails";
import { legalAcceptance } from "../legal/legal-documents";
import { audit } from "./audit";
import { RESERVED_USERNAMES } from "./schemas";

export interface OAuthProfile {
  provider: string;
  providerAccountId: string;
  email: string | null;
  /** Only a verified email may create an account. */
  emailVerified: boolean;
  name: string | null;
  login: string | null;
}

/**
 * Finds or creates the Hearth user for an OAuth/OIDC identity. An identity seen before signs into its user.
 * A new identity whose email already has a Hearth account is refused (sign in and link from settings instead),
 * so that a provider cannot be used to take over an existing account.
 */
export async function signInWithOAuth(
  deps: Deps,
  profile: OAuthProfile,
): Promise<{ id: string; role: "USER" | "ADMIN"; sessionVersion: number; needsSecondFactor: boolean }> {
  const linked = await deps.db.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
    select: { user: { select: { id: true, role: true, sessionVersion: true, totpEnabledAt: true } } },
  });
  if (linked) {
    const { totpEnabledAt, ...user } = linked.user;
    // With 2FA on, the provider is only the first step (oauth-two-factor.ts); the sign-in is audited when it completes.
    if (!totpEnabledAt)
      await audit(deps.db, "account.sign-in", { userId: user.id, detail: { provider: profile.provider } });
    return { ...user, needsSecondFactor: !!totpEnabledAt };
  }
  if (!profile.email || !profile.emailVerified)
    throw new AppError("BAD_REQUEST", "Your provider did not share a verified email address.");
  const email = profile.email.toLowerCase();
  if (await deps.db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in with your password.");
  }
  const username = await freeUsername(deps, profile.login ?? email.split("@")[0] ?? "friend");
  const user = await deps.db.user.create({
    data: {
      email,
      emailVerifiedAt: new Date(),
      username,
      usernameKey: username.toLowerCase(),
      displayName: (profile.name ?? username).slice(0, 60),
      // The provider vouched for the address (checked above), so a listed one is admin from the start.
      role: isAdminEmail(deps, email) ? "ADMIN" : "USER",
      accounts: { create: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
      // The sign-in page says that continuing with a provider is agreeing to the terms and privacy policy.
      ...(await legalAcceptance(deps)),
    },
    select: { id: true, role: true, sessionVersion: true },
  });
  await audit(deps.db, "account.sign-up", { userId: user.id, detail: { provider: profile.provider } });
  return { ...user, needsSecondFactor: false };
}

async function freeUsername(deps: Deps, wanted: string): Promise<string> {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, "").slice(0, 24);
  if (base.length < 3 || RESERVED_USERNAMES.has(base.toLowerCase())) base = `user${base}`.slice(0, 24);
  for (let attempt = 0; attempt < 10; attempt++) {
    const candidate = attempt === 0 ? base : `${base}_${randomBytes(2).toString("hex")}`;
    if (!(await deps.db.user.findUnique({ where: { usernameKey: candidate.toLowerCase() }, select: { id: true } })))
      return candidate;
  }
  return `user_${randomBytes(6).toString("hex")}`;
}
