import "server-only";
import type { Deps } from "../../infra/deps";
import { publishEphemeral } from "../realtime/event-stream";
import { requireMembership } from "./access";

/** Tells the other members that the caller is typing (clients call this at most every few seconds while typing). */
export async function notifyTyping(deps: Deps, userId: string, conversationId: string): Promise<void> {
  const membership = await requireMembership(deps.db, userId, conversationId);
  await deps.limits.typingPerUser.consume(userId);
  await publishEphemeral(
    deps.redis,
    membership.memberIds.filter((id) => id !== userId),
    { type: "typing", conversationId, userId },
  );
}
