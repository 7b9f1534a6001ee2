import "server-only";
import type { Deps } from "../../infra/deps";
import type { RoomAccessEndReason } from "../realtime/events";
import { publishToUsers } from "../realtime/event-stream";

/**
 * People who just lost access to a room (removed from its group, blocked, the meeting cancelled). Jitsi checks a
 * token only when someone joins, so a person already in the call would stay. Their own meeting page is told to
 * hang up (room.access-ended); and when Jitsi's events say they are still in the call, the room's moderators are
 * told who (room.access-warning), so they can remove them in Jitsi should their app not leave. Tokens live
 * JITSI_TOKEN_TTL_SECONDS (120 s by default), so nobody can come back with one minted before.
 */
export async function announceRoomAccessEnded(
  deps: Deps,
  roomId: string,
  userIds: string[],
  reason: RoomAccessEndReason,
  options: { warnModerators?: boolean } = {},
): Promise<void> {
  const people = [...new Set(userIds)];
  if (people.length === 0) return;
  await publishToUsers(deps.redis, people, { type: "room.access-ended", roomId, reason });
  if (options.warnModerators === false || reason === "cancelled") return;

  const stillThere = await deps.db.roomParticipant.findMany({
    where: { userId: { in: people }, leftAt: null, session: { roomId, endedAt: null } },
    select: { userId: true },
    distinct: ["userId"],
  });
  if (stillThere.length === 0) return;
  const present = await deps.db.user.findMany({
    where: { id: { in: stillThere.flatMap((p) => (p.userId ? [p.userId] : [])) } },
    select: { id: true, displayName: true },
  });
  const room = await deps.db.room.findUnique({
    where: { id: roomId },
    select: { ownerId: true, conversationId: true, hosts: { select: { userId: true } } },
  });
  if (!room) return;
  const admins = room.conversationId
    ? await deps.db.conversationMember.findMany({
        where: { conversationId: room.conversationId, role: "ADMIN" },
        select: { userId: true },
      })
    : [];
  const moderators = [
    ...new Set([room.ownerId, ...room.hosts.map((h) => h.userId), ...admins.map((a) => a.userId)]),
  ].filter((id) => !people.includes(id));
  if (moderators.length > 0)
    await publishToUsers(deps.redis, moderators, { type: "room.access-warning", roomId, reason, people: present });
}

/** Rooms with a call going on right now (an open session), owned by the given person, other than group rooms. */
export async function liveRoomsOwnedBy(deps: Deps, ownerId: string): Promise<string[]> {
  const rooms = await deps.db.room.findMany({
    where: { ownerId, kind: { not: "GROUP" }, deletedAt: null, sessions: { some: { endedAt: null } } },
    select: { id: true },
  });
  return rooms.map((r) => r.id);
}
