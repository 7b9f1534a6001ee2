import "server-only";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";
import { messageSelect, toMessageView } from "./message-view";

/** A line Hearth writes into a conversation ("Ada added Grace"), delivered like any message, then a list refresh. */
export async function postSystemMessage(
  deps: Deps,
  conversationId: string,
  actorId: string | null,
  text: string,
  recipients: string[],
): Promise<void> {
  const row = await deps.db.$transaction(async (tx) => {
    const { lastSeq } = await tx.conversation.update({
      where: { id: conversationId },
      data: { lastSeq: { increment: 1 }, lastMessageAt: new Date() },
      select: { lastSeq: true },
    });
    return tx.message.create({
      data: { conversationId, seq: lastSeq, kind: "SYSTEM", senderId: actorId, body: text },
      select: messageSelect,
    });
  });
  await publishToUsers(deps.redis, recipients, { type: "message.created", message: toMessageView(row) });
  await publishToUsers(deps.redis, recipients, { type: "conversation.changed", conversationId });
}
