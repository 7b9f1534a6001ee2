import "server-only";
import { AppError, notFound } from "../../errors";
import { isUniqueViolation } from "../../infra/prisma-errors";
import { claimAttachments } from "./attachments";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { messageSelect, toMessageView } from "./message-view";
import { notifyMessageRecipients } from "../notifications/message-notifications";

/**
 * Sends a message: it gets the conversation's next seq under a row lock, is committed to PostgreSQL, and only then
 * published to every member's event stream. The sender's read state moves to it. A send carrying a `clientId` the
 * sender already used returns that message again instead of storing a second one (a retry after a lost answer).
 */
export async function sendMessage(
  deps: Deps,
  userId: string,
  input: { conversationId: string; body: string; replyToId?: string; attachmentIds?: string[]; clientId?: string },
): Promise<MessageView> {
  const membership = await requireMembership(deps.db, userId, input.conversationId);
  const already = await storedSend(deps, userId, input);
  if (already) return already;
  // The other person deleted their account: the history stays readable, but nobody is there to read a reply.
  if (membership.conversation.kind === "DIRECT" && membership.memberIds.length < 2)
    throw new AppError("BAD_REQUEST", "This account was deleted: you can no longer reply.");
  if (!input.body && !input.attachmentIds?.length)
    throw new AppError("BAD_REQUEST", "Write something first.", { field: "body" });
  await deps.limits.messagesPerUser.consume(userId);
  const attachmentIds = input.attachmentIds?.length
    ? await claimAttachments(deps, deps.db, userId, input.conversationId, input.attachmentIds)
    : [];
  let row;
  try {
    row = await deps.db.$transaction(async (tx) => {
      if (input.replyToId) {
        const target = await tx.message.findFirst({
          where: { id: input.replyToId, conversationId: input.conversationId },
          select: { id: true },
        });
        if (!target) throw notFound("The message you replied to");
      }
      const { lastSeq } = await tx.conversation.update({
        where: { id: input.conversationId },
        data: { lastSeq: { increment: 1 }, lastMessageAt: new Date() },
        select: { lastSeq: true },
      });
      const created = await tx.message.create({
        data: {
          conversationId: input.conversationId,
          seq: lastSeq,
          senderId: userId,
          body: input.body,
          replyToId: input.replyToId,
          clientId: input.clientId,
        },
        select: { id: true },
      });
      if (attachmentIds.length) {
        // messageId: null guards against the same upload being claimed by two messages at once.
        const { count } = await tx.attachment.updateMany({
          where: { id: { in: attachmentIds }, messageId: null },
          data: { messageId: created.id },
        });
        if (count !== attachmentIds.length) throw notFound("That upload");
      }
      const message = await tx.message.findUniqueOrThrow({ where: { id: created.id }, select: messageSelect });
      await tx.conversationMember.update({
        where: { conversationId_userId: { conversationId: input.conversationId, userId } },
        data: { lastReadSeq: lastSeq },
      });
      return message;
    });
  } catch (error) {
    // The same send twice at once: the first one stored it.
    const again = isUniqueViolation(error) ? await storedSend(deps, userId, input) : null;
    if (again) return again;
    throw error;
  }
  const message = toMessageView(row);
  await publishToUsers(deps.redis, membership.memberIds, { type: "message.created", message });
  await notifyMessageRecipients(deps, message, membership.conversation);
  return message;
}

/** The message this sender already stored under this clientId in this conversation, if any. */
async function storedSend(
  deps: Deps,
  userId: string,
  input: { conversationId: string; clientId?: string },
): Promise<MessageView | null> {
  if (!input.clientId) return null;
  const row = await deps.db.message.findUnique({
    where: { senderId_clientId: { senderId: userId, clientId: input.clientId } },
    select: messageSelect,
  });
  // A clientId is the sender's own; reused in another conversation it is a different message that cannot be stored.
  if (row && row.conversationId !== input.conversationId)
    throw new AppError("CONFLICT", "That message id was already used.");
  return row ? toMessageView(row) : null;
}
