import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { notFound } from "../../errors";
import { publishToUsers } from "../realtime/event-stream";
import type { Deps } from "../../infra/deps";
import { mutualFriendCounts } from "../social/relationship";
import { toUserCard, userCardSelect, type UserCard } from "../social/user-card";

type Tx = Prisma.TransactionClient;

/** Stores a friendship as its two directed rows. Idempotent. */
export async function befriend(tx: Tx, a: string, b: string): Promise<void> {
  await tx.friendship.createMany({
    data: [
      { userId: a, friendId: b },
      { userId: b, friendId: a },
    ],
    skipDuplicates: true,
  });
}

export async function unfriend(deps: Deps, userId: string, friendId: string): Promise<void> {
  const { count } = await deps.db.friendship.deleteMany({
    where: {
      OR: [
        { userId, friendId },
        { userId: friendId, friendId: userId },
      ],
    },
  });
  if (count === 0) throw notFound("That friend");
  await publishToUsers(deps.redis, [userId, friendId], { type: "friends.changed" });
}

export interface FriendEntry extends UserCard {
  since: Date;
  mutualFriends: number;
}

const PAGE = 50;

/** The caller's friends, alphabetically by display name, 50 a page (cursor = last friend's id). */
export async function listFriends(
  deps: Deps,
  userId: string,
  cursor?: string,
): Promise<{ friends: FriendEntry[]; nextCursor: string | null }> {
  const rows = await deps.db.friendship.findMany({
    where: { userId },
    orderBy: [{ friend: { displayName: "asc" } }, { friendId: "asc" }],
    take: PAGE + 1,
    ...(cursor ? { cursor: { userId_friendId: { userId, friendId: cursor } }, skip: 1 } : {}),
    select: { createdAt: true, friend: { select: userCardSelect } },
  });
  const page = rows.slice(0, PAGE);
  const mutual = await mutualFriendCounts(
    deps.db,
    userId,
    page.map((r) => r.friend.id),
  );
  return {
    friends: page.map((r) => ({
      ...toUserCard(r.friend),
      since: r.createdAt,
      mutualFriends: mutual.get(r.friend.id) ?? 0,
    })),
    nextCursor: rows.length > PAGE ? page[page.length - 1]!.friend.id : null,
  };
}
