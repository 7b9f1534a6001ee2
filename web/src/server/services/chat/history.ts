import "server-only";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { messageSelect, toMessageView } from "./message-view";
import { markConversationNotificationsRead } from "../notifications/notifications";

/** A page of history, oldest first, ending just before `beforeSeq` (keyset on seq: stable under new messages). */
export async function listMessages(
  deps: Deps,
  userId: string,
  input: { conversationId: string; beforeSeq?: number; limit: number },
): Promise<{ messages: MessageView[]; hasMore: boolean }> {
  await requireMembership(deps.db, userId, input.conversationId);
  const rows = await deps.db.message.findMany({
    where: { conversationId: input.conversationId, ...(input.beforeSeq ? { seq: { lt: input.beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    select: messageSelect,
  });
  return { messages: rows.slice(0, input.limit).reverse().map(toMessageView), hasMore: rows.length > input.limit };
}

/** Moves the caller's read state forward (never back) and tells the members, for read receipts. */
export async function markRead(
  deps: Deps,
  userId: string,
  input: { conversationId: string; seq: number },
): Promise<{ lastReadSeq: number }> {
  const membership = await requireMembership(deps.db, userId, input.conversationId);
  const seq = Math.min(input.seq, membership.conversation.lastSeq);
  const { count } = await deps.db.conversationMember.updateMany({
    where: { conversationId: input.conversationId, userId, lastReadSeq: { lt: seq } },
    data: { lastReadSeq: seq },
  });
  if (count > 0) {
    await publishToUsers(deps.redis, membership.memberIds, {
      type: "conversation.read",
      conversationId: input.conversationId,
      userId,
      seq,
    });
    await markConversationNotificationsRead(deps, userId, input.conversationId);
  }
  const member = await deps.db.conversationMember.findUniqueOrThrow({
    where: { conversationId_userId: { conversationId: input.conversationId, userId } },
    select: { lastReadSeq: true },
  });
  return { lastReadSeq: member.lastReadSeq };
}
