import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { publishToUsers } from "../realtime/event-stream";

/** Creates a group with the caller as admin. Members must be the caller's friends (and so not blocked). */
export async function createGroup(
  deps: Deps,
  userId: string,
  input: { name: string; memberIds: string[] },
): Promise<{ conversationId: string }> {
  const memberIds = [...new Set(input.memberIds.filter((id) => id !== userId))];
  const friends = await deps.db.friendship.findMany({
    where: { userId, friendId: { in: memberIds } },
    select: { friendId: true },
  });
  if (friends.length !== memberIds.length || memberIds.length === 0) {
    throw new AppError("BAD_REQUEST", "You can add only your friends to a group.", { field: "memberIds" });
  }
  await deps.limits.conversationsPerUser.consume(userId);
  const conversation = await deps.db.conversation.create({
    data: {
      kind: "GROUP",
      name: input.name,
      createdById: userId,
      members: { create: [{ userId, role: "ADMIN" }, ...memberIds.map((id) => ({ userId: id }))] },
    },
    select: { id: true },
  });
  await publishToUsers(deps.redis, [userId, ...memberIds], {
    type: "conversation.changed",
    conversationId: conversation.id,
  });
  return { conversationId: conversation.id };
}
