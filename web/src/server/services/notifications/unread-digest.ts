import "server-only";
import type { Deps } from "../../infra/deps";

/**
 * The unread-messages email for one user, sent by the worker when the delayed digest job comes due: every MESSAGE
 * and MENTION notification still unread and not yet emailed, in one email, each mentioned once. Nothing is sent if
 * the user turned these emails off, is unverified, or read everything meanwhile.
 */
export async function sendUnreadDigest(deps: Deps, userId: string): Promise<{ sent: boolean; lines: number }> {
  const user = await deps.db.user.findUnique({
    where: { id: userId },
    select: { email: true, displayName: true, emailVerifiedAt: true, emailUnreadMessages: true },
  });
  if (!user?.emailUnreadMessages || !user.emailVerifiedAt) return { sent: false, lines: 0 };
  const pending = await deps.db.notification.findMany({
    where: { userId, readAt: null, emailedAt: null, kind: { in: ["MESSAGE", "MENTION"] } },
    orderBy: { updatedAt: "desc" },
    take: 20,
    select: { id: true, kind: true, count: true, actor: { select: { displayName: true } } },
  });
  if (pending.length === 0) return { sent: false, lines: 0 };
  const lines = pending.map((n) => {
    const who = n.actor?.displayName ?? "Someone";
    if (n.kind === "MENTION") return `${who} mentioned you`;
    return n.count > 1 ? `${n.count} new messages from ${who}` : `A new message from ${who}`;
  });
  await deps.db.notification.updateMany({
    where: { id: { in: pending.map((n) => n.id) } },
    data: { emailedAt: new Date() },
  });
  const url = new URL("/messages", deps.env.APP_URL).toString();
  await deps.mail.enqueue(
    { template: "unread-messages", to: user.email, displayName: user.displayName, url, lines },
    `unread-${userId}-${Date.now()}`,
  );
  return { sent: true, lines: lines.length };
}
