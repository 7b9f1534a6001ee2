import "server-only";
import type { Db } from "../../infra/db";
import type { Deps } from "../../infra/deps";
import { getOwnSettings } from "../profiles/profiles";

/**
 * What "Download my data" contains, one function per file. Each reads only rows that are the user's own or that
 * they take part in, and only their side of them: messages they sent (not the replies or the rest of a thread),
 * reactions they made, who their friends are (names, not the friends' settings). Secrets never leave: no password
 * hash, TOTP secret, recovery codes, session data or push keys.
 */
const userRef = { id: true, username: true, displayName: true } as const;

export async function accountFile(deps: Deps, userId: string) {
  const { avatarUrl, hasPassword, totpEnabledAt, ...settings } = await getOwnSettings(deps, userId);
  const more = await deps.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      createdAt: true,
      doNotDisturbUntil: true,
      quietHoursStart: true,
      quietHoursEnd: true,
      timeZone: true,
      termsAcceptedAt: true,
      termsVersion: true,
      privacyVersion: true,
      accounts: { select: { provider: true, createdAt: true } },
    },
  });
  return {
    ...settings,
    createdAt: more.createdAt,
    hasAvatar: !!avatarUrl,
    agreedTo: more.termsAcceptedAt
      ? { at: more.termsAcceptedAt, termsVersion: more.termsVersion, privacyVersion: more.privacyVersion }
      : null,
    signIn: { password: hasPassword, twoFactorEnabledAt: totpEnabledAt, linkedProviders: more.accounts },
    notificationSettings: {
      emailUnreadMessages: settings.emailUnreadMessages,
      doNotDisturbUntil: more.doNotDisturbUntil,
      quietHours:
        more.quietHoursStart === null
          ? null
          : { start: more.quietHoursStart, end: more.quietHoursEnd, timeZone: more.timeZone },
    },
  };
}

export async function friendsFile(db: Db, userId: string) {
  const [friends, blocked, sent, received] = await Promise.all([
    db.friendship.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, friend: { select: userRef } },
    }),
    db.block.findMany({
      where: { blockerId: userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, blocked: { select: userRef } },
    }),
    db.friendRequest.findMany({
      where: { senderId: userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, recipient: { select: userRef } },
    }),
    db.friendRequest.findMany({
      where: { recipientId: userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, sender: { select: userRef } },
    }),
  ]);
  return {
    friends: friends.map((f) => ({ ...f.friend, since: f.createdAt })),
    // Who blocked me is the other person's private choice: only my own blocks are mine.
    blocked: blocked.map((b) => ({ ...b.blocked, since: b.createdAt })),
    friendRequestsSent: sent.map((r) => ({ to: r.recipient, at: r.createdAt })),
    friendRequestsReceived: received.map((r) => ({ from: r.sender, at: r.createdAt })),
  };
}

export async function conversationsFile(db: Db, userId: string) {
  const memberships = await db.conversationMember.findMany({
    where: { userId },
    orderBy: { joinedAt: "asc" },
    select: {
      role: true,
      joinedAt: true,
      muted: true,
      pinnedAt: true,
      conversation: {
        select: {
          id: true,
          kind: true,
          name: true,
          createdAt: true,
          members: { where: { userId: { not: userId } }, select: { user: { select: userRef } } },
        },
      },
    },
  });
  return memberships.map(({ conversation: c, ...mine }) => ({
    id: c.id,
    kind: c.kind,
    name: c.name,
    createdAt: c.createdAt,
    // A 1:1 conversation has no name of its own: it is named by the other person.
    with: c.kind === "DIRECT" ? (c.members[0]?.user ?? null) : undefined,
    myRole: mine.role,
    joinedAt: mine.joinedAt,
    muted: mine.muted,
    pinnedAt: mine.pinnedAt,
  }));
}

const MESSAGE_PAGE = 500;

/** Messages the user sent, oldest first, as one JSON array streamed a page at a time. */
export async function* sentMessagesJson(db: Db, userId: string): AsyncGenerator<string> {
  yield "[";
  let cursor: string | undefined;
  let first = true;
  for (;;) {
    const page = await db.message.findMany({
      where: { senderId: userId },
      orderBy: { id: "asc" },
      take: MESSAGE_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        conversationId: true,
        seq: true,
        kind: true,
        body: true,
        replyToId: true,
        createdAt: true,
        editedAt: true,
        deletedAt: true,
        attachments: {
          where: { uploaderId: userId },
          orderBy: { createdAt: "asc" },
          select: { id: true, name: true, contentType: true, size: true, createdAt: true },
        },
      },
    });
    for (const message of page) {
      yield `${first ? "" : ","}\n${JSON.stringify(message)}`;
      first = false;
    }
    if (page.length < MESSAGE_PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  yield "\n]\n";
}

export async function reactionsFile(db: Db, userId: string) {
  const rows = await db.messageReaction.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { messageId: true, emoji: true, createdAt: true, message: { select: { conversationId: true } } },
  });
  return rows.map(({ message, ...r }) => ({ ...r, conversationId: message.conversationId }));
}

export async function callsFile(db: Db, userId: string) {
  const [calls, roomVisits] = await Promise.all([
    db.call.findMany({
      where: { OR: [{ callerId: userId }, { calleeId: userId }] },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        conversationId: true,
        callerId: true,
        status: true,
        missedReason: true,
        createdAt: true,
        acceptedAt: true,
        endedAt: true,
        caller: { select: userRef },
        callee: { select: userRef },
      },
    }),
    db.roomParticipant.findMany({
      where: { userId },
      orderBy: { joinedAt: "asc" },
      select: { joinedAt: true, leftAt: true, displayName: true, session: { select: { roomId: true } } },
    }),
  ]);
  return {
    calls: calls.map(({ callerId, caller, callee, ...call }) => ({
      ...call,
      direction: callerId === userId ? "outgoing" : "incoming",
      with: callerId === userId ? callee : caller,
    })),
    groupCallVisits: roomVisits.map((v) => ({
      roomId: v.session.roomId,
      displayName: v.displayName,
      joinedAt: v.joinedAt,
      leftAt: v.leftAt,
    })),
  };
}

export async function meetingsFile(db: Db, userId: string) {
  const roomFields = {
    id: true,
    kind: true,
    title: true,
    description: true,
    startsAt: true,
    endsAt: true,
    createdAt: true,
    deletedAt: true,
  } as const;
  const [owned, invited, hosting] = await Promise.all([
    db.room.findMany({
      where: { ownerId: userId },
      orderBy: { createdAt: "asc" },
      select: { ...roomFields, conversationId: true, invites: { select: { user: { select: userRef } } } },
    }),
    db.roomInvite.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, expiresAt: true, invitedBy: { select: userRef }, room: { select: roomFields } },
    }),
    db.roomHost.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { roomId: true, createdAt: true },
    }),
  ]);
  return {
    owned: owned.map(({ invites, ...room }) => ({ ...room, invited: invites.map((i) => i.user) })),
    invitedTo: invited.map((i) => ({
      ...i.room,
      invitedAt: i.createdAt,
      inviteExpiresAt: i.expiresAt,
      invitedBy: i.invitedBy,
    })),
    hostOf: hosting,
  };
}

/** Which browsers get push notifications: the push service's origin only (the full URL and keys are credentials). */
export async function pushSubscriptionsFile(db: Db, userId: string) {
  const rows = await db.pushSubscription.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { endpoint: true, userAgent: true, createdAt: true },
  });
  return rows.map((row) => ({ service: originOf(row.endpoint), userAgent: row.userAgent, createdAt: row.createdAt }));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(unreadable)";
  }
}

export const EXPORT_README = `Your Hearth data
================

account.json             your account, profile, privacy and notification settings (no password or 2FA secrets)
avatar.webp              your profile photo, when you have one
friends.json             your friends, the people you blocked, friend requests sent and received
conversations.json       the conversations you are in (ids and names)
messages.json            the messages you sent, with the names and sizes of the files you attached
reactions.json           the reactions you made
calls.json               your 1:1 calls and the group calls you joined
meetings.json            meetings and rooms you own, were invited to or host
push-subscriptions.json  the browsers that receive your notifications (push service only)

Messages other people sent are theirs and are not included. Times are in UTC (ISO 8601).
`;
