import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { audit } from "./audit";
import { hashPassword, verifyPassword } from "./password-hash";
import { assertPasswordAllowed } from "./password-policy";

/** Changes the password after checking the current one; every other session is signed out. Returns the new session version. */
export async function changePassword(
  deps: Deps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<number> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, username: true, displayName: true, passwordHash: true },
  });
  await deps.limits.passwordChecksPerUser.consume(userId);
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", "Your current password is not right.", { field: "currentPassword" });
  }
  assertPasswordAllowed(input.newPassword, user);
  const updated = await deps.db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await audit(deps.db, "account.password-changed", { userId });
  await deps.mail.enqueue(
    { template: "password-changed", to: user.email, displayName: user.displayName },
    `password-changed-${userId}-${updated.sessionVersion}`,
  );
  return updated.sessionVersion;
}
