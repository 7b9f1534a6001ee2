import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { issueEmailToken } from "./email-tokens";
import { hashPassword } from "./password-hash";
import { assertPasswordAllowed } from "./password-policy";
import type { SignUpInput } from "./schemas";
import { isUniqueViolation } from "../../infra/prisma-errors";
import { legalAcceptance } from "../legal/legal-documents";

/** What sign-up answers, whether or not the address already had an account: nothing to learn from it. */
export type SignUpResult = { status: "check-your-email" };

/**
 * Creates an account (unverified) and emails a verification link. Always an ordinary account: an address listed in
 * ADMIN_EMAILS becomes admin only once verified (admin-emails.ts).
 *
 * An address that already has an account gets the same answer, after the same work (the password is hashed either
 * way), and its owner gets an email saying someone tried: the form cannot be used to learn who has an account.
 * Usernames are public (profiles, search), so a taken one is named.
 */
export async function signUp(deps: Deps, input: SignUpInput, client: { ip: string }): Promise<SignUpResult> {
  await deps.limits.signUpPerIp.consume(client.ip);
  assertPasswordAllowed(input.password, { email: input.email, username: input.username });

  const usernameKey = input.username.toLowerCase();
  if (await deps.db.user.findUnique({ where: { usernameKey }, select: { id: true } })) throw usernameTaken();
  const passwordHash = await hashPassword(input.password);
  const existing = await deps.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, displayName: true },
  });
  if (existing) {
    await tellOwnerSomeoneTried(deps, existing, client.ip);
    return { status: "check-your-email" };
  }

  let userId: string;
  try {
    const user = await deps.db.user.create({
      data: {
        email: input.email,
        username: input.username,
        usernameKey,
        displayName: input.displayName,
        passwordHash,
        role: "USER",
        // The form's required box (signUpInput): agreed now, to the versions served now.
        ...(await legalAcceptance(deps)),
      },
      select: { id: true },
    });
    userId = user.id;
  } catch (error) {
    // Two sign-ups racing for the same name: the unique index decides.
    const constraint = isUniqueViolation(error);
    if (constraint?.includes("usernameKey")) throw usernameTaken();
    // The same address won by a concurrent sign-up: the same answer as any taken address.
    if (constraint?.includes("email")) return { status: "check-your-email" };
    throw error;
  }

  await audit(deps.db, "account.sign-up", { userId, ip: client.ip });
  await sendVerificationEmail(deps, { id: userId, email: input.email, displayName: input.displayName });
  return { status: "check-your-email" };
}

const usernameTaken = () => new AppError("CONFLICT", "That username is taken.", { field: "username" });

/** The owner of an address someone tried to sign up with hears about it (a few times an hour at most, silently capped). */
async function tellOwnerSomeoneTried(
  deps: Deps,
  owner: { id: string; email: string; displayName: string },
  ip: string,
): Promise<void> {
  await audit(deps.db, "account.sign-up-existing-email", { userId: owner.id, ip });
  try {
    await deps.limits.accountExistsEmailsPerUser.consume(owner.id);
  } catch (error) {
    // Refusing here would tell the caller the address is taken; the owner has had enough emails about it.
    if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") return;
    throw error;
  }
  const signInUrl = new URL("/sign-in", deps.env.APP_URL).toString();
  const resetUrl = new URL("/forgot-password", deps.env.APP_URL).toString();
  await deps.mail.enqueue(
    { template: "account-exists", to: owner.email, displayName: owner.displayName, url: signInUrl, resetUrl },
    `account-exists-${owner.id}-${Date.now()}`,
  );
}

export async function sendVerificationEmail(
  deps: Deps,
  user: { id: string; email: string; displayName: string },
): Promise<void> {
  const { id, token } = await issueEmailToken(deps.db, user.id, "VERIFY_EMAIL");
  const url = new URL(`/verify-email?token=${token}`, deps.env.APP_URL).toString();
  await deps.mail.enqueue(
    { template: "verify-email", to: user.email, displayName: user.displayName, url },
    `verify-email-${id}`,
  );
}
