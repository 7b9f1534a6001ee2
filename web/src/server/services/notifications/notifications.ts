import "server-only";
import type { NotificationKind } from "@/generated/prisma/client";
import { notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  actor: UserCard | null;
  conversationId: string | null;
  messageId: string | null;
  roomId: string | null;
  count: number;
  read: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface NewNotification {
  userId: string;
  kind: NotificationKind;
  actorId?: string;
  conversationId?: string;
  messageId?: string;
  roomId?: string;
  /** Unread notifications with the same key collapse into one whose count grows. */
  groupKey?: string;
}

/** Records a notification (or bumps the unread one it collapses into) and tells the user's devices live. */
export async function notify(deps: Deps, n: NewNotification): Promise<void> {
  const data = {
    kind: n.kind,
    actorId: n.actorId ?? null,
    conversationId: n.conversationId ?? null,
    messageId: n.messageId ?? null,
    roomId: n.roomId ?? null,
  };
  if (n.groupKey) {
    await deps.db.notification.upsert({
      where: { userId_groupKey: { userId: n.userId, groupKey: n.groupKey } },
      create: { userId: n.userId, groupKey: n.groupKey, ...data },
      update: { ...data, count: { increment: 1 } },
    });
  } else {
    await deps.db.notification.create({ data: { userId: n.userId, ...data } });
  }
  await publishToUsers(deps.redis, [n.userId], {
    type: "notification",
    unread: await unreadNotificationCount(deps, n.userId),
  });
  if (deps.env.VAPID_PUBLIC_KEY) await deps.push.enqueue(await pushFor(deps, n));
}

/** The push notification a browser shows for it (the user's subscribed devices get it through the worker). */
async function pushFor(deps: Deps, n: NewNotification) {
  const actor = n.actorId
    ? ((await deps.db.user.findUnique({ where: { id: n.actorId }, select: { displayName: true } }))?.displayName ??
      "Someone")
    : "Someone";
  switch (n.kind) {
    case "FRIEND_REQUEST":
      return {
        userId: n.userId,
        title: "New friend request",
        body: `${actor} wants to be friends`,
        url: "/friends?tab=requests",
        tag: `friend-request-${n.actorId}`,
      };
    case "FRIEND_ACCEPTED":
      return {
        userId: n.userId,
        title: "Friend request accepted",
        body: `${actor} accepted your friend request`,
        url: "/friends",
        tag: `friend-accepted-${n.actorId}`,
      };
    case "MENTION":
      return {
        userId: n.userId,
        title: `${actor} mentioned you`,
        body: "Open the conversation to reply",
        url: `/messages/${n.conversationId}`,
        tag: `mention-${n.messageId}`,
      };
    case "MESSAGE":
      return {
        userId: n.userId,
        title: actor,
        body: "sent you a message",
        url: `/messages/${n.conversationId}`,
        tag: `message-${n.conversationId}`,
      };
    case "MEETING_INVITE":
      return {
        userId: n.userId,
        title: "Meeting invitation",
        body: `${actor} invited you to a meeting`,
        url: `/rooms/${n.roomId}`,
        tag: `meeting-${n.roomId}`,
      };
    case "MISSED_CALL":
      return {
        userId: n.userId,
        title: "Missed call",
        body: `${actor} called you`,
        url: `/messages/${n.conversationId}`,
        tag: `missed-call-${n.conversationId}`,
      };
    case "DATA_EXPORT_READY":
      return {
        userId: n.userId,
        title: "Your data is ready",
        body: "Download it from Settings",
        url: "/settings/security#download-my-data",
        tag: "data-export",
      };
  }
}

export async function unreadNotificationCount(deps: Deps, userId: string): Promise<number> {
  return deps.db.notification.count({ where: { userId, readAt: null } });
}

/** Newest first, 30 a page (cursor = last id). Notifications whose actor is now blocked either way are left out. */
export async function listNotifications(
  deps: Deps,
  userId: string,
  cursor?: string,
): Promise<{ items: NotificationView[]; nextCursor: string | null; unread: number }> {
  const blocks = await deps.db.block.findMany({
    where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
    select: { blockerId: true, blockedId: true },
  });
  const hidden = blocks.map((b) => (b.blockerId === userId ? b.blockedId : b.blockerId));
  // The cursor must be one of the caller's: another's would page from that notification's time, telling when it was.
  if (cursor && !(await deps.db.notification.findFirst({ where: { id: cursor, userId }, select: { id: true } })))
    throw notFound("That page");
  const rows = await deps.db.notification.findMany({
    where: { userId, ...(hidden.length ? { OR: [{ actorId: null }, { actorId: { notIn: hidden } }] } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 31,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      kind: true,
      conversationId: true,
      messageId: true,
      roomId: true,
      count: true,
      readAt: true,
      createdAt: true,
      updatedAt: true,
      actor: { select: userCardSelect },
    },
  });
  const page = rows.slice(0, 30);
  return {
    items: page.map(({ actor, readAt, ...rest }) => ({
      ...rest,
      actor: actor ? toUserCard(actor) : null,
      read: !!readAt,
    })),
    nextCursor: rows.length > 30 ? page[page.length - 1]!.id : null,
    unread: await unreadNotificationCount(deps, userId),
  };
}

/** Marks the caller's notifications read: the given ones, or all. Read ones stop collapsing new repeats. */
export async function markNotificationsRead(deps: Deps, userId: string, ids?: string[]): Promise<{ unread: number }> {
  await deps.db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date(), groupKey: null },
  });
  const unread = await unreadNotificationCount(deps, userId);
  await publishToUsers(deps.redis, [userId], { type: "notification", unread });
  return { unread };
}

/** Reading a conversation settles its message and mention notifications. */
export async function markConversationNotificationsRead(
  deps: Deps,
  userId: string,
  conversationId: string,
): Promise<void> {
  const { count } = await deps.db.notification.updateMany({
    where: { userId, conversationId, readAt: null },
    data: { readAt: new Date(), groupKey: null },
  });
  if (count > 0)
    await publishToUsers(deps.redis, [userId], {
      type: "notification",
      unread: await unreadNotificationCount(deps, userId),
    });
}
