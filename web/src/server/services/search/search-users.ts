import "server-only";
import type { Deps } from "../../infra/deps";
import { mutualFriendCounts } from "../social/relationship";
import { avatarUrl, type UserCard } from "../social/user-card";

export interface SearchHit extends UserCard {
  mutualFriends: number;
  isFriend: boolean;
  /** A pending request between the viewer and this person, either way. */
  pendingRequest: { id: string; sentByMe: boolean } | null;
}

/**
 * Finds people by username or display name (pg_trgm GIN indexes serve LIKE/ILIKE substrings and `%` fuzzy matches).
 * Never returns the caller, anyone blocked either way, or anyone whose profile and friend-request settings both exclude the caller.
 */
export async function searchUsers(deps: Deps, viewerId: string, query: string, limit = 20): Promise<SearchHit[]> {
  await deps.limits.searchPerUser.consume(viewerId);
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = `%${escaped}%`;
  const rows = await deps.db.$queryRaw<
    { id: string; username: string; displayName: string; avatarKey: string | null; isFriend: boolean }[]
  >`
    WITH my_friends AS (SELECT "friendId" AS id FROM "Friendship" WHERE "userId" = ${viewerId}),
    fof AS (SELECT DISTINCT f."friendId" AS id FROM "Friendship" f JOIN my_friends m ON f."userId" = m.id)
    SELECT u.id, u.username, u."displayName", u."avatarKey", (u.id IN (SELECT id FROM my_friends)) AS "isFriend"
    FROM "User" u
    WHERE u.id <> ${viewerId}
      AND (u."usernameKey" LIKE ${pattern} OR u."displayName" ILIKE ${pattern} OR u."usernameKey" % ${q} OR u."displayName" % ${q})
      AND NOT EXISTS (SELECT 1 FROM "Block" b WHERE (b."blockerId" = u.id AND b."blockedId" = ${viewerId}) OR (b."blockerId" = ${viewerId} AND b."blockedId" = u.id))
      AND (
        u.id IN (SELECT id FROM my_friends)
        OR u."profileVisibility" = 'EVERYONE' OR u."friendRequestPolicy" = 'EVERYONE'
        OR ((u."profileVisibility" = 'FRIENDS_OF_FRIENDS' OR u."friendRequestPolicy" = 'FRIENDS_OF_FRIENDS') AND u.id IN (SELECT id FROM fof))
      )
    ORDER BY (u."usernameKey" = ${q}) DESC, (u."usernameKey" LIKE ${`${escaped}%`}) DESC,
             GREATEST(similarity(u."usernameKey", ${q}), similarity(u."displayName", ${q})) DESC, u."usernameKey"
    LIMIT ${limit}`;
  const ids = rows.map((r) => r.id);
  const [mutual, requests] = await Promise.all([
    mutualFriendCounts(deps.db, viewerId, ids),
    deps.db.friendRequest.findMany({
      where: {
        OR: [
          { senderId: viewerId, recipientId: { in: ids } },
          { recipientId: viewerId, senderId: { in: ids } },
        ],
      },
      select: { id: true, senderId: true, recipientId: true },
    }),
  ]);
  const pending = new Map(
    requests.map((r) =>
      r.senderId === viewerId
        ? [r.recipientId, { id: r.id, sentByMe: true }]
        : [r.senderId, { id: r.id, sentByMe: false }],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    avatarUrl: avatarUrl(r.id, r.avatarKey),
    isFriend: r.isFriend,
    mutualFriends: mutual.get(r.id) ?? 0,
    pendingRequest: pending.get(r.id) ?? null,
  }));
}
