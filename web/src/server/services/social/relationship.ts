import "server-only";
import type { Audience } from "@/generated/prisma/client";
import type { Db } from "../../infra/db";

export interface Relationship {
  self: boolean;
  /** Either has blocked the other. Blocked pairs are invisible to each other everywhere. */
  blocked: boolean;
  friends: boolean;
  /** They share at least one friend (and are not friends themselves). */
  friendsOfFriends: boolean;
  /** Pending request id from viewer to target, if any. */
  outgoingRequestId: string | null;
  /** Pending request id from target to viewer, if any. */
  incomingRequestId: string | null;
}

export async function getRelationship(db: Db, viewerId: string, targetId: string): Promise<Relationship> {
  if (viewerId === targetId) {
    return {
      self: true,
      blocked: false,
      friends: false,
      friendsOfFriends: false,
      outgoingRequestId: null,
      incomingRequestId: null,
    };
  }
  const [block, friendship, sharedFriend, requests] = await Promise.all([
    db.block.findFirst({
      where: {
        OR: [
          { blockerId: viewerId, blockedId: targetId },
          { blockerId: targetId, blockedId: viewerId },
        ],
      },
      select: { blockerId: true },
    }),
    db.friendship.findUnique({
      where: { userId_friendId: { userId: viewerId, friendId: targetId } },
      select: { userId: true },
    }),
    db.friendship.findFirst({
      where: { userId: viewerId, friend: { friendships: { some: { friendId: targetId } } } },
      select: { userId: true },
    }),
    db.friendRequest.findMany({
      where: {
        OR: [
          { senderId: viewerId, recipientId: targetId },
          { senderId: targetId, recipientId: viewerId },
        ],
      },
      select: { id: true, senderId: true },
    }),
  ]);
  return {
    self: false,
    blocked: !!block,
    friends: !!friendship,
    friendsOfFriends: !friendship && !!sharedFriend,
    outgoingRequestId: requests.find((r) => r.senderId === viewerId)?.id ?? null,
    incomingRequestId: requests.find((r) => r.senderId === targetId)?.id ?? null,
  };
}

/** Whether a privacy setting lets this viewer in. Blocks always win; you always reach yourself. */
export function audienceAllows(audience: Audience, relationship: Relationship): boolean {
  if (relationship.self) return true;
  if (relationship.blocked) return false;
  switch (audience) {
    case "EVERYONE":
      return true;
    case "FRIENDS_OF_FRIENDS":
      return relationship.friends || relationship.friendsOfFriends;
    case "FRIENDS":
      return relationship.friends;
    case "NOBODY":
      return false;
  }
}

/** How many friends `viewerId` shares with each of `userIds` (absent ids share none). */
export async function mutualFriendCounts(db: Db, viewerId: string, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; mutual: number }[]>`
    SELECT b."userId" AS id, COUNT(*)::int AS mutual
    FROM "Friendship" a
    JOIN "Friendship" b ON b."friendId" = a."friendId"
    WHERE a."userId" = ${viewerId} AND b."userId" = ANY(${userIds}::text[])
    GROUP BY b."userId"`;
  return new Map(rows.map((r) => [r.id, r.mutual]));
}
