import "server-only";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";
import { requireMembership } from "./access";

/** Mute or pin a conversation for the caller only (their other devices hear about it). */
export async function setConversationPreferences(
  deps: Deps,
  userId: string,
  input: { conversationId: string; muted?: boolean; pinned?: boolean },
): Promise<void> {
  await requireMembership(deps.db, userId, input.conversationId);
  await deps.db.conversationMember.update({
    where: { conversationId_userId: { conversationId: input.conversationId, userId } },
    data: { muted: input.muted, pinnedAt: input.pinned === undefined ? undefined : input.pinned ? new Date() : null },
  });
  await publishToUsers(deps.redis, [userId], { type: "conversation.changed", conversationId: input.conversationId });
}
