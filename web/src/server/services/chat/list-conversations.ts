import "server-only";
import type { Deps } from "../../infra/deps";
import { toUserCard, userCardSelect, versionedImageUrl, type UserCard } from "../social/user-card";
import { DELETED_USER_NAME } from "@/lib/deleted-user";
import { messageSelect, toMessageView } from "./message-view";
import type { MessageView } from "../realtime/events";

export interface ConversationSummary {
  id: string;
  kind: "DIRECT" | "GROUP";
  /** The group's name, or the other person's display name ("Deleted user" once their account is gone). */
  title: string;
  /** The group's photo (members only, served by /api/conversations/<id>/avatar); null for 1:1 and groups without one. */
  avatarUrl: string | null;
  /** For 1:1: the other person. */
  other: UserCard | null;
  members: (UserCard & { role: "MEMBER" | "ADMIN" })[];
  lastMessage: MessageView | null;
  lastMessageAt: Date;
  unread: number;
  muted: boolean;
  pinned: boolean;
  pinnedAt: Date | null;
  /** seq each member has read up to, for read receipts. */
  readState: Record<string, number>;
}

/**
 * The caller's conversations, pinned first, then by last activity, with a preview and unread count.
 * 1:1 conversations with someone blocked either way are left out.
 */
export async function listConversations(
  deps: Deps,
  userId: string,
  onlyConversationId?: string,
): Promise<ConversationSummary[]> {
  const blocks = await deps.db.block.findMany({
    where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
    select: { blockerId: true, blockedId: true },
  });
  const hidden = new Set(blocks.map((b) => (b.blockerId === userId ? b.blockedId : b.blockerId)));
  const memberships = await deps.db.conversationMember.findMany({
    where: { userId, ...(onlyConversationId ? { conversationId: onlyConversationId } : {}) },
    orderBy: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { conversation: { lastMessageAt: "desc" } }],
    take: 200,
    select: {
      lastReadSeq: true,
      muted: true,
      pinnedAt: true,
      conversation: {
        select: {
          id: true,
          kind: true,
          name: true,
          avatarKey: true,
          createdById: true,
          lastSeq: true,
          lastMessageAt: true,
          members: {
            select: { lastReadSeq: true, role: true, user: { select: userCardSelect } },
            orderBy: { joinedAt: "asc" },
          },
          messages: { orderBy: { seq: "desc" }, take: 1, select: messageSelect },
        },
      },
    },
  });
  return (
    memberships
      .filter(
        (m) => m.conversation.kind === "GROUP" || !m.conversation.members.some((member) => hidden.has(member.user.id)),
      )
      // A 1:1 conversation someone opened but has not written in yet shows up for the other person with its first message.
      .filter(
        (m) =>
          onlyConversationId ||
          m.conversation.kind === "GROUP" ||
          m.conversation.lastSeq > 0 ||
          m.conversation.createdById === userId,
      )
      .map((m) => {
        const c = m.conversation;
        const members = c.members.map((member) => ({ ...toUserCard(member.user), role: member.role }));
        const other = c.kind === "DIRECT" ? (members.find((u) => u.id !== userId) ?? null) : null;
        const last = c.messages[0];
        return {
          id: c.id,
          kind: c.kind,
          title: c.kind === "GROUP" ? (c.name ?? "Group") : (other?.displayName ?? DELETED_USER_NAME),
          avatarUrl: c.kind === "GROUP" ? versionedImageUrl(`/api/conversations/${c.id}/avatar`, c.avatarKey) : null,
          other,
          members,
          lastMessage: last ? toMessageView(last) : null,
          lastMessageAt: c.lastMessageAt,
          unread: Math.max(0, c.lastSeq - m.lastReadSeq),
          muted: m.muted,
          pinned: !!m.pinnedAt,
          pinnedAt: m.pinnedAt,
          readState: Object.fromEntries(c.members.map((member) => [member.user.id, member.lastReadSeq])),
        };
      })
  );
}
