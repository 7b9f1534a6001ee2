import "server-only";
import { AppError } from "../../errors";
import type { Deps } from "../../infra/deps";
import { hangUp, requireCallParty } from "../calls/call-actions";
import { isAvailableForCalls } from "../calls/availability";
import { activeCallIdOf } from "../calls/live-calls";
import { presenceOf } from "../presence/presence";
import { publishEphemeral, publishToUsers } from "../realtime/event-stream";
import { toUserCard, userCardSelect } from "../social/user-card";
import { requireGroupCalls } from "./jitsi-availability";
import { getRoom, groupRoom, newJitsiRoomName, type RoomView } from "./rooms";

/** How long people added to a call may (re)join its room. */
export const CALL_ROOM_INVITE_MS = 6 * 3600_000;
export const MAX_PEOPLE_ADDED = 20;

/**
 * Of these people, the ones a call should ring now: online, not in another call, not muted in this conversation
 * (when there is one), and not in do-not-disturb or quiet hours.
 */
async function whoToRing(deps: Deps, userIds: string[], conversationId: string | null): Promise<string[]> {
  if (userIds.length === 0) return [];
  const [users, presence, muted] = await Promise.all([
    deps.db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, doNotDisturbUntil: true, quietHoursStart: true, quietHoursEnd: true, timeZone: true },
    }),
    presenceOf(deps.redis, userIds),
    conversationId
      ? deps.db.conversationMember.findMany({
          where: { conversationId, userId: { in: userIds }, muted: true },
          select: { userId: true },
        })
      : [],
  ]);
  const mutedIds = new Set(muted.map((m) => m.userId));
  const now = new Date();
  const candidates = users.filter(
    (u) => presence.get(u.id)?.status !== "offline" && !mutedIds.has(u.id) && isAvailableForCalls(u, now),
  );
  const busy = await Promise.all(candidates.map((u) => activeCallIdOf(deps.redis, u.id)));
  return candidates.filter((_, i) => !busy[i]).map((u) => u.id);
}

async function ring(deps: Deps, callerId: string, view: RoomView, userIds: string[]): Promise<number> {
  const caller = await deps.db.user.findUniqueOrThrow({ where: { id: callerId }, select: userCardSelect });
  // Ephemeral: only devices connected now ring; a tab that reconnects later must not ring for a call long started.
  await publishEphemeral(deps.redis, userIds, {
    type: "room.ringing",
    room: { id: view.id, kind: view.kind, title: view.title, conversationId: view.conversationId },
    caller: toUserCard(caller),
  });
  return userIds.length;
}

/** Starts a call in a group conversation: the group's room, and a ring for the members who can take it now. */
export async function startGroupCall(
  deps: Deps,
  userId: string,
  conversationId: string,
): Promise<{ room: RoomView; rang: number }> {
  requireGroupCalls(deps.env);
  const room = await groupRoom(deps, userId, conversationId);
  await deps.limits.callsPerUser.consume(userId);
  const members = await deps.db.conversationMember.findMany({
    where: { conversationId, userId: { not: userId } },
    select: { userId: true },
  });
  const rang = await ring(
    deps,
    userId,
    room,
    await whoToRing(
      deps,
      members.map((m) => m.userId),
      conversationId,
    ),
  );
  return { room, rang };
}

/**
 * "Add people" in a 1:1 call: a new room for the two parties (both hosts) and the friends added, who ring. Both
 * parties hear room.moved and switch to the room; the direct call then ends (its history keeps its duration).
 */
export async function addPeopleToCall(
  deps: Deps,
  userId: string,
  input: { callId: string; userIds: string[] },
): Promise<{ room: RoomView; rang: number }> {
  requireGroupCalls(deps.env);
  const call = await requireCallParty(deps, userId, input.callId);
  if (call.status !== "ACCEPTED") throw new AppError("CONFLICT", "People can be added only to a call in progress.");
  const otherParty = call.callerId === userId ? call.calleeId : call.callerId;
  const added = [...new Set(input.userIds)].filter((id) => id !== userId && id !== otherParty);
  if (added.length === 0) throw new AppError("BAD_REQUEST", "Choose someone to add.", { field: "userIds" });
  if (added.length > MAX_PEOPLE_ADDED)
    throw new AppError("BAD_REQUEST", `Add at most ${MAX_PEOPLE_ADDED} people.`, { field: "userIds" });
  const friends = await deps.db.friendship.count({ where: { userId, friendId: { in: added } } });
  if (friends !== added.length)
    throw new AppError("BAD_REQUEST", "You can add only your friends.", { field: "userIds" });
  await deps.limits.roomsPerUser.consume(userId);

  const names = await deps.db.user.findMany({
    where: { id: { in: [userId, otherParty] } },
    select: { displayName: true },
  });
  const expiresAt = new Date(Date.now() + CALL_ROOM_INVITE_MS);
  const created = await deps.db.room.create({
    data: {
      kind: "CALL",
      jitsiName: newJitsiRoomName(),
      ownerId: userId,
      title: `Call with ${names.map((n) => n.displayName.split(/\s+/)[0]).join(" and ")} and ${added.length === 1 ? "1 other" : `${added.length} others`}`,
      hosts: { create: [{ userId: otherParty }] },
      invites: { create: [otherParty, ...added].map((id) => ({ userId: id, invitedById: userId, expiresAt })) },
    },
    select: { id: true },
  });
  const room = await getRoom(deps, userId, created.id);
  await publishToUsers(deps.redis, [userId, otherParty], { type: "room.moved", callId: call.id, roomId: room.id });
  await hangUp(deps, userId, call.id);
  const rang = await ring(deps, userId, room, await whoToRing(deps, added, null));
  return { room, rang };
}
