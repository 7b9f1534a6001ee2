import "server-only";
import { AppError, notFound } from "../../errors";
import type { Deps } from "../../infra/deps";
import type { MessageView } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";
import { messageSelect, toMessageView } from "./message-view";
import { deleteStoredObjects } from "./stored-objects";

async function ownMessage(deps: Deps, userId: string, messageId: string) {
  const message = await deps.db.message.findUnique({
    where: { id: messageId },
    select: { conversationId: true, senderId: true, deletedAt: true, kind: true },
  });
  if (!message) throw notFound("That message");
  const membership = await requireMembership(deps.db, userId, message.conversationId);
  if (message.senderId !== userId || message.kind !== "TEXT") throw notFound("That message");
  if (message.deletedAt) throw new AppError("BAD_REQUEST", "That message was deleted.");
  return membership;
}

/** Edits the caller's own message; members see it marked as edited. */
export async function editMessage(
  deps: Deps,
  userId: string,
  input: { messageId: string; body: string },
): Promise<MessageView> {
  const membership = await ownMessage(deps, userId, input.messageId);
  const row = await deps.db.message.update({
    where: { id: input.messageId },
    data: { body: input.body, editedAt: new Date() },
    select: messageSelect,
  });
  const message = toMessageView(row);
  await publishToUsers(deps.redis, membership.memberIds, { type: "message.updated", message });
  return message;
}

/**
 * Deletes the caller's own message softly: it stays in place as "deleted"; its text and its files are gone for
 * everyone (the file rows at once, so no link serves them; the stored objects right after).
 */
export async function deleteMessage(deps: Deps, userId: string, messageId: string): Promise<MessageView> {
  const membership = await ownMessage(deps, userId, messageId);
  const files = await deps.db.attachment.findMany({ where: { messageId }, select: { id: true, key: true } });
  const [row] = await deps.db.$transaction([
    deps.db.message.update({
      where: { id: messageId },
      data: { body: "", deletedAt: new Date() },
      select: messageSelect,
    }),
    deps.db.attachment.deleteMany({ where: { id: { in: files.map((f) => f.id) } } }),
  ]);
  await deleteStoredObjects(
    deps,
    files.map((f) => f.key),
  );
  const message = toMessageView(row);
  await publishToUsers(deps.redis, membership.memberIds, { type: "message.updated", message });
  return message;
}
