import "server-only";
import type { Db } from "../../infra/db";
import type { Deps } from "../../infra/deps";
import { requireMembership } from "../chat/access";

export interface RoomLiveState {
  roomId: string | null;
  live: boolean;
  /** Hearth users in the room now (guests without a Hearth id are counted in `live` only). */
  participantIds: string[];
}

/** Who is in a room right now, from the open session the Prosody event webhook keeps. */
export async function roomLiveState(db: Db, roomId: string): Promise<RoomLiveState> {
  const inRoom = await db.roomParticipant.findMany({
    where: { leftAt: null, session: { roomId, endedAt: null } },
    select: { userId: true },
  });
  return {
    roomId,
    live: inRoom.length > 0,
    participantIds: [...new Set(inRoom.flatMap((p) => (p.userId ? [p.userId] : [])))],
  };
}

/** A group conversation's call state, for the "join" banner of a page opened mid-call (members only). */
export async function groupCallState(deps: Deps, userId: string, conversationId: string): Promise<RoomLiveState> {
  await requireMembership(deps.db, userId, conversationId);
  const room = await deps.db.room.findUnique({ where: { conversationId }, select: { id: true, deletedAt: true } });
  if (!room || room.deletedAt) return { roomId: room?.id ?? null, live: false, participantIds: [] };
  return roomLiveState(deps.db, room.id);
}
