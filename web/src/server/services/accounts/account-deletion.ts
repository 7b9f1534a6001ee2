import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { deleteStoredObjects } from "../chat/stored-objects";
import { departGroup } from "../chat/group-members";
import { emailDay } from "../mail/templates";
import { checkSecondFactor } from "./authenticate";
import { audit } from "./audit";
import { verifyPassword } from "./password-hash";

/**
 * "Delete my account" (GDPR erasure) in two steps:
 *  1. requestAccountDeletion re-checks the password (and the second factor when 2FA is on), schedules the purge
 *     ACCOUNT_DELETION_GRACE_DAYS ahead, ends every session and emails how to cancel;
 *  2. the worker's sweep-deleted-accounts job runs purgeDueAccounts: the user row is deleted, so the email and
 *     username are free again. Messages the user sent stay in others' conversations with no author ("Deleted user"); friendships,
 *     requests, blocks, reactions, push subscriptions, notifications, exports and 1:1 call records go with the row
 *     (foreign keys cascade), and the avatar, attachments and export archives are removed from storage.
 * Signing in during the grace period shows a banner whose "Keep my account" calls cancelAccountDeletion.
 */
export interface DeletionConfirmation {
  password?: string;
  /** A 6-digit TOTP code or a recovery code; required when 2FA is on. */
  secondFactor?: string;
}

export async function requestAccountDeletion(
  deps: Deps,
  userId: string,
  input: DeletionConfirmation,
  client: { ip: string },
  now = Date.now(),
): Promise<{ deletionScheduledAt: Date }> {
  const user = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, displayName: true, passwordHash: true, totpEnabledAt: true, deletionScheduledAt: true },
  });
  if (user.deletionScheduledAt) throw new AppError("CONFLICT", "Your account is already scheduled for deletion.");
  await deps.limits.passwordChecksPerUser.consume(userId);
  if (user.passwordHash && !(input.password && (await verifyPassword(user.passwordHash, input.password)))) {
    throw new AppError("BAD_REQUEST", "That password is not right.", { field: "password" });
  }
  if (user.totpEnabledAt) {
    const factor = input.secondFactor?.trim();
    if (!factor)
      throw new AppError("BAD_REQUEST", "Enter a code from your authenticator app (or a recovery code).", {
        field: "secondFactor",
      });
    if (!(await checkSecondFactor(deps, userId, factor, client.ip)))
      throw new AppError("BAD_REQUEST", "That code is not right.", { field: "secondFactor" });
  }
  const deletionScheduledAt = new Date(now + deps.env.ACCOUNT_DELETION_GRACE_DAYS * 86_400_000);
  // The session version moves on, so every session ends at once, as "Sign out everywhere" does.
  await deps.db.user.update({ where: { id: userId }, data: { deletionScheduledAt, sessionVersion: { increment: 1 } } });
  await audit(deps.db, "account.deletion-requested", {
    userId,
    ip: client.ip,
    detail: { deletionScheduledAt: deletionScheduledAt.toISOString() },
  });
  await deps.mail.enqueue(
    {
      template: "account-deletion-scheduled",
      to: user.email,
      displayName: user.displayName,
      url: new URL("/sign-in", deps.env.APP_URL).toString(),
      deleteOn: emailDay(deletionScheduledAt),
    },
    `account-deletion-${userId}-${deletionScheduledAt.getTime()}`,
  );
  return { deletionScheduledAt };
}

/** "Keep my account": signed in again during the grace period, the user calls the deletion off. */
export async function cancelAccountDeletion(deps: Deps, userId: string, client: { ip: string }): Promise<void> {
  const { count } = await deps.db.user.updateMany({
    where: { id: userId, deletionScheduledAt: { not: null } },
    data: { deletionScheduledAt: null },
  });
  if (count === 0) throw new AppError("BAD_REQUEST", "Your account is not scheduled for deletion.");
  await audit(deps.db, "account.deletion-cancelled", { userId, ip: client.ip });
}

/** The worker's sweep-deleted-accounts job: purges accounts whose grace period is over (a few per run). Returns how many. */
export async function purgeDueAccounts(deps: Deps, now = Date.now()): Promise<number> {
  const due = await deps.db.user.findMany({
    where: { deletionScheduledAt: { lte: new Date(now) } },
    orderBy: { deletionScheduledAt: "asc" },
    take: 10,
    select: { id: true },
  });
  for (const { id } of due) await purgeAccount(deps, id, now);
  return due.length;
}

async function purgeAccount(deps: Deps, userId: string, now: number): Promise<void> {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      displayName: true,
      avatarKey: true,
      deletionScheduledAt: true,
      attachments: { select: { key: true } },
      dataExports: { select: { key: true } },
      memberships: { where: { conversation: { kind: "GROUP" } }, select: { conversationId: true } },
    },
  });
  // Cancelled (or purged by another worker) since it was found due.
  if (!user?.deletionScheduledAt || user.deletionScheduledAt.getTime() > now) return;
  // Groups keep an admin and their room's owner; a group left empty is deleted.
  for (const { conversationId } of user.memberships) await departGroup(deps, userId, conversationId);
  await deps.db.$transaction([
    // Group-call attendance is kept for the room's history, without who it was.
    deps.db.roomParticipant.updateMany({ where: { userId }, data: { userId: null, displayName: "Deleted user" } }),
    deps.db.user.delete({ where: { id: userId } }),
  ]);
  // Storage last: a failure leaves an unreachable object behind, never a row pointing at nothing.
  const keys = [user.avatarKey, ...user.attachments.map((a) => a.key), ...user.dataExports.map((e) => e.key)].filter(
    (key): key is string => !!key,
  );
  await deleteStoredObjects(deps, keys);
  await audit(deps.db, "account.deleted", { detail: { formerUserId: userId, objectsRemoved: keys.length } });
  await deps.mail.enqueue(
    { template: "account-deleted", to: user.email, displayName: user.displayName },
    `account-deleted-${userId}`,
  );
}
