import { notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { messageSelect, toMessageView } from "./message-view";
import { notifyMessageRecipients } from "../notifications/message-notifications";

/**
 * Sends a message: it gets the conversation's next seq under a row lock, is committed to PostgreSQL, and only then
 * published to every member's event stream. The sender's read state moves to it.
 */
export async function sendMessage(deps: Deps, userId: string, input: { conversationId: string; body: string; replyToId?: string }): Promise<MessageView> {
  const membership = await requireMembership(deps.db, userId, input.conversationId);
  await deps.limits.messagesPerUser.consume(userId);
  const row = await deps.db.$transaction(async (tx) => {
    if (input.replyToId) {
      const target = await tx.message.findFirst({ where: { id: input.replyToId, conversationId: input.conversationId }, select: { id: true } });
      if (!target) throw notFound("The message you replied to");
    }
    const { lastSeq } = await tx.conversation.update({
      where: { id: input.conversationId },
      data: { lastSeq: { increment: 1 }, lastMessageAt: new Date() },
      select: { lastSeq: true },
    });
    const message = await tx.message.create({
      data: { conversationId: input.conversationId, seq: lastSeq, senderId: userId, body: input.body, replyToId: input.replyToId },
      select: messageSelect,
    });
    await tx.conversationMember.update({ where: { conversationId_userId: { conversationId: input.conversationId, userId } }, data: { lastReadSeq: lastSeq } });
    return message;
  });
  const message = toMessageView(row);
  await publishToUsers(deps.redis, membership.memberIds, { type: "message.created", message });
  await notifyMessageRecipients(deps, message, membership.conversation);
  return message;
}
