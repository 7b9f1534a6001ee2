import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { issueEmailToken } from "./email-tokens";
import { hashPassword } from "./password-hash";
import { assertPasswordAllowed } from "./password-policy";
import type { SignUpInput } from "./schemas";
import { isUniqueViolation } from "../../infra/prisma-errors";

/**
 * Creates an account (unverified) and emails a verification link. Always an ordinary account: an address listed in
 * ADMIN_EMAILS becomes admin only once verified (admin-emails.ts).
 */
export async function signUp(deps: Deps, input: SignUpInput, client: { ip: string }): Promise<{ userId: string }> {
  await deps.limits.signUpPerIp.consume(client.ip);
  assertPasswordAllowed(input.password, { email: input.email, username: input.username });

  const usernameKey = input.username.toLowerCase();
  const [emailTaken, usernameTaken] = await Promise.all([
    deps.db.user.findUnique({ where: { email: input.email }, select: { id: true } }),
    deps.db.user.findUnique({ where: { usernameKey }, select: { id: true } }),
  ]);
  if (usernameTaken) throw new AppError("CONFLICT", "That username is taken.", { field: "username" });
  if (emailTaken) throw new AppError("CONFLICT", "An account with that email already exists. Sign in or reset your password.", { field: "email" });

  const passwordHash = await hashPassword(input.password);
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
      },
      select: { id: true },
    });
    userId = user.id;
  } catch (error) {
    // Two sign-ups racing for the same name: the unique index decides.
    const constraint = isUniqueViolation(error);
    if (constraint?.includes("usernameKey")) throw new AppError("CONFLICT", "That username is taken.", { field: "username" });
    if (constraint?.includes("email")) throw new AppError("CONFLICT", "An account with that email already exists.", { field: "email" });
    throw error;
  }

  await audit(deps.db, "account.sign-up", { userId, ip: client.ip });
  await sendVerificationEmail(deps, { id: userId, email: input.email, displayName: input.displayName });
  return { userId };
}

export async function sendVerificationEmail(deps: Deps, user: { id: string; email: string; displayName: string }): Promise<void> {
  const { id, token } = await issueEmailToken(deps.db, user.id, "VERIFY_EMAIL");
  const url = new URL(`/verify-email?token=${token}`, deps.env.APP_URL).toString();
  await deps.mail.enqueue({ template: "verify-email", to: user.email, displayName: user.displayName, url }, `verify-email-${id}`);
}
