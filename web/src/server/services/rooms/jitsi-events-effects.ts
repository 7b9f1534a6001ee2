import "server-only";
import type { Deps } from "../../infra/deps";
import { formatDuration } from "@/lib/dates";
import { postSystemMessage } from "../chat/system-message";
import { setInCall } from "../presence/presence";
import { publishToUsers } from "../realtime/event-stream";
import { roomLiveState } from "./room-live";

/** What a recorded event changed, for what follows the commit. */
export interface RoomEventEffects {
  /** Hearth users now in the room. */
  joined: string[];
  /** Hearth users whose stay ended (they may still be in on another device). */
  left: string[];
  endedSessionIds: string[];
}

/** Longest "in a call" lasts without a leave event (a lost delivery must not leave someone in a call forever). */
export const IN_ROOM_PRESENCE_TTL_SECONDS = 4 * 3600;

/** Who may see a room's live state: group members; a meeting's or call's owner, hosts and invitees; a profile room's owner. */
export async function roomAudience(
  deps: Deps,
  room: { id: string; kind: string; ownerId: string; conversationId: string | null },
): Promise<string[]> {
  if (room.kind === "GROUP" && room.conversationId) {
    const members = await deps.db.conversationMember.findMany({
      where: { conversationId: room.conversationId },
      select: { userId: true },
    });
    return members.map((m) => m.userId);
  }
  if (room.kind === "MEETING" || room.kind === "CALL") {
    const [hosts, invites] = await Promise.all([
      deps.db.roomHost.findMany({ where: { roomId: room.id }, select: { userId: true } }),
      deps.db.roomInvite.findMany({ where: { roomId: room.id }, select: { userId: true } }),
    ]);
    return [...new Set([room.ownerId, ...hosts.map((h) => h.userId), ...invites.map((i) => i.userId)])];
  }
  return [room.ownerId];
}

/** After the commit: live state to the room's audience, "in a call" presence, and a group's call entry. */
export async function afterRoomEvent(deps: Deps, roomId: string, effects: RoomEventEffects): Promise<void> {
  const room = await deps.db.room.findUniqueOrThrow({
    where: { id: roomId },
    select: { id: true, kind: true, ownerId: true, conversationId: true },
  });
  const { live, participantIds } = await roomLiveState(deps.db, roomId);
  const audience = await roomAudience(deps, room);
  await publishToUsers(deps.redis, audience, {
    type: "room.live",
    roomId,
    conversationId: room.conversationId,
    live,
    participantIds,
  });

  if (effects.joined.length) await setInCall(deps, [...new Set(effects.joined)], IN_ROOM_PRESENCE_TTL_SECONDS);
  const maybeOut = [...new Set(effects.left)];
  if (maybeOut.length) {
    // Someone in a room on another device (or in another room) stays in a call.
    const stillIn = await deps.db.roomParticipant.findMany({
      where: { userId: { in: maybeOut }, leftAt: null, session: { endedAt: null } },
      select: { userId: true },
    });
    const still = new Set(stillIn.map((p) => p.userId));
    const out = maybeOut.filter((u) => !still.has(u));
    if (out.length) await setInCall(deps, out, null);
  }

  if (room.kind === "GROUP" && room.conversationId) {
    for (const sessionId of effects.endedSessionIds)
      await postGroupCallEntry(deps, room.conversationId, sessionId, audience);
  }
}

/** "Group call · 12:04 · 3 people" in the group's conversation, once the session has ended (none if nobody came). */
async function postGroupCallEntry(
  deps: Deps,
  conversationId: string,
  sessionId: string,
  members: string[],
): Promise<void> {
  const session = await deps.db.roomSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { startedAt: true, endedAt: true, participants: { select: { userId: true, occupantJid: true } } },
  });
  const people = new Set(session.participants.map((p) => p.userId ?? p.occupantJid)).size;
  if (people === 0 || !session.endedAt) return;
  const seconds = Math.max(0, Math.round((session.endedAt.getTime() - session.startedAt.getTime()) / 1000));
  await postSystemMessage(deps, conversationId, null, groupCallEntryText(seconds, people), members);
}

export const groupCallEntryText = (seconds: number, people: number) =>
  `Group call · ${formatDuration(seconds)} · ${people} ${people === 1 ? "person" : "people"}`;
