import "server-only";
import { AppError, notFound } from "../../errors";
import { endCallBetween } from "../calls/call-actions";
import { publishToUsers } from "../realtime/event-stream";
import type { Deps } from "../../infra/deps";
import { announceRoomAccessEnded, liveRoomsOwnedBy } from "../rooms/room-access-ended";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";

/** Blocks someone: ends any friendship and pending request between the two, in one transaction. Idempotent. */
export async function blockUser(deps: Deps, blockerId: string, blockedId: string): Promise<void> {
  if (blockerId === blockedId) throw new AppError("BAD_REQUEST", "You cannot block yourself.");
  const target = await deps.db.user.findUnique({ where: { id: blockedId }, select: { id: true } });
  if (!target) throw notFound("That person");
  const pair = [
    { a: blockerId, b: blockedId },
    { a: blockedId, b: blockerId },
  ];
  await deps.db.$transaction([
    deps.db.block.createMany({ data: [{ blockerId, blockedId }], skipDuplicates: true }),
    deps.db.friendship.deleteMany({ where: { OR: pair.map(({ a, b }) => ({ userId: a, friendId: b })) } }),
    deps.db.friendRequest.deleteMany({ where: { OR: pair.map(({ a, b }) => ({ senderId: a, recipientId: b })) } }),
  ]);
  await endCallBetween(deps, blockerId, blockedId);
  // Neither may be in the other's rooms any more. The blocker's own moderators (the blocker) hear if the blocked
  // person is still in a call; the blocked owner is not told that the blocker's app left theirs.
  for (const roomId of await liveRoomsOwnedBy(deps, blockerId))
    await announceRoomAccessEnded(deps, roomId, [blockedId], "blocked");
  for (const roomId of await liveRoomsOwnedBy(deps, blockedId))
    await announceRoomAccessEnded(deps, roomId, [blockerId], "blocked", { warnModerators: false });
  await publishToUsers(deps.redis, [blockerId, blockedId], { type: "friends.changed" });
}

export async function unblockUser(deps: Deps, blockerId: string, blockedId: string): Promise<void> {
  const { count } = await deps.db.block.deleteMany({ where: { blockerId, blockedId } });
  if (count === 0) throw notFound("That block");
}

export async function listBlocked(deps: Deps, blockerId: string): Promise<(UserCard & { blockedAt: Date })[]> {
  const rows = await deps.db.block.findMany({
    where: { blockerId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { createdAt: true, blocked: { select: userCardSelect } },
  });
  return rows.map((r) => ({ ...toUserCard(r.blocked), blockedAt: r.createdAt }));
}
